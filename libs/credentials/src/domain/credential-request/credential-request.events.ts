import type { DomainEvent } from '@latchkey/event-store';

export const credentialRequestStream = (requestId: string): string => `credentialRequest-${requestId}`;
export const CREDENTIAL_REQUEST_STREAM_PREFIX = 'credentialRequest-';

export const CREDENTIAL_REQUEST_STATUSES = ['pending', 'approved', 'denied'] as const;
export type CredentialRequestStatus = (typeof CREDENTIAL_REQUEST_STATUSES)[number];

/** A member, as requests name their requester and decider. */
export interface RequestActor {
  userId: string;
  email: string;
}

/**
 * A member asked for an app of another organization to use one of their credentials, under the
 * organization's `thirdPartyApps: "approval"`. `organizationId` is the credential's organization
 * (whose developer_admins decide); `appOrganizationName` the app's.
 */
export type CredentialRequestCreated = DomainEvent<
  'CredentialRequestCreated',
  {
    requestId: string;
    credentialId: string;
    credentialLabel: string;
    organizationId: string;
    requester: RequestActor;
    clientId: string;
    appName: string;
    appOrganizationName: string;
    justification: string;
    createdAt: string;
  }
>;

/** The app may use the credential; `automatic` when the requester was a developer_admin, whose own requests are approved at once. */
export type CredentialRequestApproved = DomainEvent<
  'CredentialRequestApproved',
  {
    requestId: string;
    credentialId: string;
    organizationId: string;
    clientId: string;
    decidedBy: RequestActor;
    note: string | null;
    automatic: boolean;
    decidedAt: string;
  }
>;

/** The app may not use the credential; `note` is the reason the admin gave. */
export type CredentialRequestDenied = DomainEvent<
  'CredentialRequestDenied',
  {
    requestId: string;
    credentialId: string;
    organizationId: string;
    clientId: string;
    decidedBy: RequestActor;
    note: string;
    decidedAt: string;
  }
>;

export type CredentialRequestEvent = CredentialRequestCreated | CredentialRequestApproved | CredentialRequestDenied;

export const CREDENTIAL_REQUEST_EVENT_TYPES = [
  'CredentialRequestCreated',
  'CredentialRequestApproved',
  'CredentialRequestDenied',
] as const satisfies readonly CredentialRequestEvent['type'][];
