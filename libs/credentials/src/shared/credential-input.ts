/**
 * The rules of what clients send, beyond the types the DTOs check: each use case's validation step
 * runs them after its DTO, collects every field error (in field order) and answers them together
 * as `400 VALIDATION_FAILED`, before the decider sees the command.
 */
import { type FieldError, parseCidr, throwIfInvalid } from '@latchkey/building-blocks';
import { type AllowedApps, MAX_ALLOWED_ADDRESSES, MAX_ALLOWED_APPS } from '../domain/credential/credential.decide';
import type { AllowedAppsPolicy } from '../domain/credential/credential.events';
import { NEVER_EXPIRES_AT } from '../domain/credential/credential.state';

export const LABEL_MAX_LENGTH = 100;
export const REASON_MAX_LENGTH = 500;
export const CLIENT_ID_MAX_LENGTH = 200;
/** A requester's justification, and an admin's note or reason on a credential request. */
export const REQUEST_TEXT_MAX_LENGTH = 500;

/** ISO 8601 date, or date-time with an explicit offset (a time without one would be ambiguous). */
const INSTANT = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;
const CONTROL_CHARACTER = /\p{Cc}/u;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The instant as a canonical ISO string truncated to whole seconds (JWT times are whole seconds,
 * so the stored expiry, the allowlist's and the JWT's `exp` always agree), or null when malformed.
 */
export function parseInstant(value: unknown): string | null {
  if (typeof value !== 'string' || !INSTANT.test(value)) return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return null;
  return new Date(Math.floor(ms / 1000) * 1000).toISOString();
}

/** Free text shown to people: stored literally (no escaping), but without control characters. */
export function textErrors(field: string, value: unknown, { min, max, noun }: { min: number; max: number; noun: string }): FieldError[] {
  if (typeof value !== 'string') return [{ field, message: `${field} must be a string` }];
  if (min > 0 && value.trim().length === 0) return [{ field, message: `Enter ${noun}` }];
  if ([...value].length > max) return [{ field, message: `Use at most ${max} characters` }];
  if (CONTROL_CHARACTER.test(value)) return [{ field, message: 'Remove control characters such as line breaks and tabs' }];
  if (LONE_SURROGATE.test(value)) return [{ field, message: 'Use valid Unicode text' }];
  return [];
}

/**
 * Optional request text (a justification, an approval's note), at most 500 characters without
 * control characters; a blank one counts as none. `400` when malformed.
 */
export function optionalRequestText(field: string, value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  throwIfInvalid(textErrors(field, value, { min: 0, max: REQUEST_TEXT_MAX_LENGTH, noun: `a ${field}` }));
  return value.trim() === '' ? null : value;
}

export const labelErrors = (label: unknown): FieldError[] => textErrors('label', label, { min: 1, max: LABEL_MAX_LENGTH, noun: 'a label' });

export function clientIdErrors(field: string, clientId: unknown): FieldError[] {
  if (typeof clientId !== 'string' || clientId.length === 0) return [{ field, message: `${field} must be a non-empty string` }];
  if (clientId.length > CLIENT_ID_MAX_LENGTH) return [{ field, message: `${field} must be at most ${CLIENT_ID_MAX_LENGTH} characters` }];
  return [];
}

/** `expiresAt` checked against `at` (the time of the request) and normalised; field errors when malformed or not in the future. */
export function checkExpiry(value: string | null, at: string, errors: FieldError[]): string | null {
  if (value === null) return null;
  const normalised = parseInstant(value);
  if (normalised === null) {
    errors.push({ field: 'expiresAt', message: 'Give an ISO 8601 date or date-time with a time zone, or null for never' });
    return null;
  }
  if (Date.parse(normalised) <= Date.parse(at)) errors.push({ field: 'expiresAt', message: 'Choose a date and time in the future' });
  else if (Date.parse(normalised) > Date.parse(NEVER_EXPIRES_AT)) {
    errors.push({ field: 'expiresAt', message: `Choose a date no later than ${NEVER_EXPIRES_AT}, or choose never` });
  }
  return normalised;
}

/** An allowed-apps choice as the console sends it: `{type: 'organization'}`, or `{type: 'specific', clientIds}`. */
export interface AllowedAppsInput {
  type: AllowedAppsPolicy;
  clientIds?: string[];
}

/** An object with a `type`: what `checkAllowedApps` can judge (the DTO answers anything else). */
export const isAllowedAppsInput = (value: unknown): value is AllowedAppsInput =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && 'type' in value;

/** The `{type, clientIds}` union checked: no client ids with `organization`; 1 to 50 distinct, well-formed ones with `specific`. */
export function checkAllowedApps(input: AllowedAppsInput, errors: FieldError[]): AllowedApps {
  const field = 'allowedApps.clientIds';
  if (input.type === 'organization') {
    if (input.clientIds !== undefined) errors.push({ field, message: 'clientIds are only given with allowedApps.type "specific"' });
    return { policy: 'organization', clientIds: [] };
  }
  if (input.type !== 'specific') {
    errors.push({ field: 'allowedApps.type', message: 'allowedApps.type must be "organization" or "specific"' });
    return { policy: 'organization', clientIds: [] };
  }
  const clientIds = input.clientIds;
  if (!Array.isArray(clientIds) || clientIds.length === 0) {
    errors.push({ field, message: 'Add at least one app' });
    return { policy: 'specific', clientIds: [] };
  }
  if (clientIds.length > MAX_ALLOWED_APPS) errors.push({ field, message: `Choose at most ${MAX_ALLOWED_APPS} apps` });
  const malformed = clientIds.flatMap((id) => clientIdErrors(field, id));
  if (malformed.length > 0) errors.push(malformed[0]);
  else if (new Set(clientIds).size !== clientIds.length) errors.push({ field, message: 'List each app once' });
  return { policy: 'specific', clientIds: [...clientIds] };
}

/** Longest entry of an address allowlist worth parsing (an IPv6 CIDR is at most 43 characters). */
const ADDRESS_MAX_LENGTH = 64;

/**
 * `allowedAddresses`: at most 50 IPv4 or IPv6 addresses or CIDR ranges, canonicalised (a bare
 * address is its /32 or /128, host bits cleared) and listed once each; `[]`: any address. Each bad
 * entry is named by its index (`allowedAddresses[2]`).
 */
export function checkAllowedAddresses(value: unknown, errors: FieldError[]): string[] {
  const field = 'allowedAddresses';
  if (!Array.isArray(value)) {
    errors.push({ field, message: 'allowedAddresses must be an array of IPv4 or IPv6 addresses or CIDR ranges ([] for any address)' });
    return [];
  }
  if (value.length > MAX_ALLOWED_ADDRESSES) {
    errors.push({ field, message: `List at most ${MAX_ALLOWED_ADDRESSES} addresses or CIDR ranges` });
    return [];
  }
  const canonical: string[] = [];
  value.forEach((entry: unknown, i) => {
    const at = `${field}[${i}]`;
    if (typeof entry !== 'string' || entry.length > ADDRESS_MAX_LENGTH) {
      errors.push({ field: at, message: `${at} must be an IPv4 or IPv6 address or CIDR range, such as 203.0.113.0/24 or 2001:db8::/32` });
      return;
    }
    const cidr = parseCidr(entry);
    if (typeof cidr === 'string')
      errors.push({ field: at, message: `${cidr}: use an address or CIDR range such as 203.0.113.0/24 or 2001:db8::/32` });
    else if (!canonical.includes(cidr.text)) canonical.push(cidr.text);
  });
  return canonical;
}
