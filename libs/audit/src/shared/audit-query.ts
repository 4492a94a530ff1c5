import { type FieldError, throwIfInvalid } from '@latchkey/building-blocks';
import { AUDIT_ENTRY_TYPES } from '../contracts';
import type { AuditFilter } from '../read-models/audit-log/audit-log.read-model';
import { AUDITED_EVENT_TYPES } from '../read-models/audit-log/rules/audit-rules';

/** What `?type=` accepts: an entry type (`credential.revoked`), or a recorded event's type (`CredentialRevoked`) as before. */
export const ACCEPTED_TYPES: readonly string[] = [...AUDIT_ENTRY_TYPES, ...AUDITED_EVENT_TYPES];
export const TYPE_MESSAGE = `type must be an audit entry type (${AUDIT_ENTRY_TYPES.join(', ')}) or the type of an audited event (${AUDITED_EVENT_TYPES.join(', ')})`;

/** ISO 8601 date, or date-time with an explicit offset (a time without one would be ambiguous). */
const INSTANT = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/** The calendar date is one that exists (`Date.parse` takes 2026-02-30 for 2026-03-02). */
function realDate(value: string): boolean {
  const [year, month, day] = value.slice(0, 10).split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function instant(field: string, value: string | undefined, errors: FieldError[]): string | undefined {
  if (value === undefined) return undefined;
  const ms = INSTANT.test(value) && realDate(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) {
    errors.push({ field, message: `${field} must be an ISO 8601 date or date-time with a time zone` });
    return undefined;
  }
  return new Date(ms).toISOString();
}

export interface AuditQuery {
  type?: string;
  actorId?: string;
  credentialId?: string;
  since?: string;
  until?: string;
}

/**
 * The query's filter, or `400 VALIDATION_FAILED` naming each field: the rules the DTO cannot
 * express (times that parse, `until` after `since`). A type is matched as an entry type when it
 * has a dot, else as the recorded event's type.
 */
export function auditFilter(query: AuditQuery): AuditFilter {
  const errors: FieldError[] = [];
  const since = instant('since', query.since, errors);
  const until = instant('until', query.until, errors);
  if (since !== undefined && until !== undefined && until <= since) errors.push({ field: 'until', message: 'until must be after since' });
  throwIfInvalid(errors);
  const byEntryType = query.type?.includes('.');
  return {
    ...(query.type !== undefined ? (byEntryType ? { type: query.type } : { eventType: query.type }) : {}),
    ...(query.actorId !== undefined ? { actorId: query.actorId } : {}),
    ...(query.credentialId !== undefined ? { credentialId: query.credentialId } : {}),
    ...(since !== undefined ? { since } : {}),
    ...(until !== undefined ? { until } : {}),
  };
}
