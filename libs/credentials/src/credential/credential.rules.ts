import type { FieldError } from '@latchkey/building-blocks';

/**
 * What a credential that "never expires" carries as its JWT `exp`: 2100-01-01T00:00:00Z
 * (4102444800), a fixed date far in the future, as RingCentral's never-expiring credentials do. A
 * JWT needs some `exp` for libraries that insist on one; the allowlist entry says `expiresAt: null`.
 */
export const NEVER_EXPIRES_AT = '2100-01-01T00:00:00.000Z';

export const LABEL_MAX_LENGTH = 100;
export const REASON_MAX_LENGTH = 500;
export const CLIENT_ID_MAX_LENGTH = 200;
/** Upper bound of a `specific` list: plenty for real sharing, small enough to show on one screen. */
export const MAX_ALLOWED_APPS = 50;

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

export const epochSeconds = (iso: string): number => Math.floor(Date.parse(iso) / 1000);

/** Free text shown to people: stored literally (no escaping), but without control characters. */
export function textErrors(field: string, value: unknown, { min, max }: { min: number; max: number }): FieldError[] {
  if (typeof value !== 'string') return [{ field, message: `${field} must be a string` }];
  if (min > 0 && value.trim().length === 0) return [{ field, message: `${field} must not be empty` }];
  if ([...value].length > max) return [{ field, message: `${field} must be at most ${max} characters` }];
  if (CONTROL_CHARACTER.test(value)) return [{ field, message: `${field} must not contain control characters` }];
  if (LONE_SURROGATE.test(value)) return [{ field, message: `${field} must be valid Unicode text` }];
  return [];
}

export const labelErrors = (label: unknown): FieldError[] => textErrors('label', label, { min: 1, max: LABEL_MAX_LENGTH });

export function clientIdErrors(field: string, clientId: unknown): FieldError[] {
  if (typeof clientId !== 'string' || clientId.length === 0) return [{ field, message: `${field} must be a non-empty string` }];
  if (clientId.length > CLIENT_ID_MAX_LENGTH) return [{ field, message: `${field} must be at most ${CLIENT_ID_MAX_LENGTH} characters` }];
  return [];
}
