import type { EventData } from '@latchkey/event-store';
import type { AuditEntryType, AuditTargetKind } from '../../../contracts';

/** What the audit log remembers of the things entries are about: their organization and a label to show. */
export type SubjectKind = 'user' | 'app' | 'invitation' | 'credential' | 'apiToken' | 'organization' | 'webhook';

export interface Subject {
  organizationId: string;
  label: string | null;
}

/**
 * How one recorded event type becomes an audit entry. The audit reads other modules' events by
 * their type names and the fields named here (event types are strings, the published language);
 * `data` copies fields one by one, so a secret (a hash of a token, secret or password) added to an
 * event later never reaches the log by accident.
 */
export interface AuditRule<D> {
  /** The stream category the event is recorded in (`<category>-<id>`): the type is trusted only there. */
  category: string;
  /** The entry's type; null when this event, as it is, is not audited. */
  type: AuditEntryType | ((data: D) => AuditEntryType | null);
  /** What the entry is about. */
  subject: (data: D) => { kind: SubjectKind; id: string };
  /** Shown as `target.kind`; the subject's kind when absent. */
  targetKind?: AuditTargetKind;
  /** For the event that creates or renames its subject: its organization and label, remembered for the events after it. */
  remember?: (data: D) => Partial<Subject>;
  /** When it happened, as the command said; the time the store recorded it when absent. */
  at?: (data: D) => string;
  data: (data: D) => Record<string, unknown>;
}

/** A rule typed by the data it reads, stored in the table of all rules. */
export const rule = <D>(r: AuditRule<D>): AuditRule<EventData> => r as unknown as AuditRule<EventData>;
