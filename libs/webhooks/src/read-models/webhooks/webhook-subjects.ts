import type { EventData, RecordedEvent } from '@latchkey/event-store';

/** What messages about a credential, an app or an API token need that its later events do not carry: its organization and label. */
export interface SubjectChange {
  kind: SubjectKind;
  id: string;
  organizationId: string;
  label: string;
  details: Record<string, unknown>;
  /** Only the label changes. */
  rename?: boolean;
}

export type SubjectKind = 'credential' | 'app' | 'apiToken';

export const SUBJECT_EVENT_TYPES = ['CredentialCreated', 'CredentialLabelChanged', 'AppCreated', 'AppUpdated', 'ApiTokenCreated'] as const;

const str = (data: EventData, field: string): string => String(data[field] ?? '');

/** Read by type name and stream category (event types are the published language), field by field. */
export function subjectOf(event: RecordedEvent<string, EventData>): SubjectChange | null {
  const { data } = event;
  const inCategory = (category: string) => event.streamName.startsWith(`${category}-`);
  switch (event.type) {
    case 'CredentialCreated':
      if (!inCategory('credential')) return null;
      return {
        kind: 'credential',
        id: str(data, 'credentialId'),
        organizationId: str(data, 'organizationId'),
        label: str(data, 'label'),
        details: { environment: data.environment, ownerId: data.ownerId, ownerEmail: data.ownerEmail },
      };
    case 'CredentialLabelChanged':
      if (!inCategory('credential')) return null;
      return { kind: 'credential', id: str(data, 'credentialId'), organizationId: '', label: str(data, 'label'), details: {}, rename: true };
    case 'AppCreated':
      if (!inCategory('app')) return null;
      return { kind: 'app', id: str(data, 'appId'), organizationId: str(data, 'organizationId'), label: str(data, 'name'), details: {} };
    case 'AppUpdated':
      if (!inCategory('app')) return null;
      return { kind: 'app', id: str(data, 'appId'), organizationId: '', label: str(data, 'name'), details: {}, rename: true };
    case 'ApiTokenCreated':
      if (!inCategory('apiToken')) return null;
      return {
        kind: 'apiToken',
        id: str(data, 'tokenId'),
        organizationId: str(data, 'organizationId'),
        label: str(data, 'name'),
        details: { ownerId: data.ownerId },
      };
    default:
      return null;
  }
}
