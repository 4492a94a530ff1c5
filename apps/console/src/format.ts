import type { AllowedApps, Environment, Role } from './api';

const dateOnly = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
const timeOnly = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const utcDateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' });

/** The browser's offset from UTC at that instant: "UTC", "UTC+1", "UTC-3:30". */
export function zoneLabel(date: Date): string {
  const minutes = -date.getTimezoneOffset();
  if (minutes === 0) return 'UTC';
  const abs = Math.abs(minutes);
  return `UTC${minutes > 0 ? '+' : '-'}${Math.floor(abs / 60)}${abs % 60 ? `:${String(abs % 60).padStart(2, '0')}` : ''}`;
}

/** "5 Dec 2026, 14:03 UTC+1": the browser's time, with its zone, so two readers in two zones can tell the same instant. */
export function formatDateTime(value: string | null | undefined, empty = '—'): string {
  if (!value) return empty;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : `${dateOnly.format(date)}, ${timeOnly.format(date)} ${zoneLabel(date)}`;
}

/** The same instant in UTC, for the `title` of a shown time. */
export function formatUtc(value: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : `${utcDateTime.format(date)} UTC`;
}

/** A calendar date alone ("5 Dec 2026"): only for days that are not instants. */
export function formatDate(value: string | null | undefined, empty = '—'): string {
  if (!value) return empty;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : dateOnly.format(date);
}

export const ENVIRONMENT_LABELS: Record<Environment, string> = { production: 'Production', sandbox: 'Sandbox' };

export const ROLE_LABELS: Record<Role, string> = {
  user: 'User (no developer access)',
  developer: 'Developer',
  developer_admin: 'Developer Admin',
};

export const roleLabel = (role: string | null | undefined) => (role && role in ROLE_LABELS ? ROLE_LABELS[role as Role] : (role ?? '—'));

export const GRANT_TYPE_LABELS: Record<string, string> = { jwt_bearer: 'JWT bearer', refresh_token: 'Refresh token' };

export function permittedApps(allowed: AllowedApps): string {
  if (allowed.type === 'organization') return 'Apps of my organization';
  if (allowed.apps.length === 0) return 'No apps';
  return allowed.apps.map((app) => (app.status === 'pending_approval' ? `${app.appName} (pending approval)` : app.appName)).join(', ');
}

/** `CredentialAppAllowed` → `App allowed`. */
export function humanizeEventType(type: string): string {
  const words = type
    .replace(/^Credential(?=[A-Z])/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Ids and timestamps the table already shows (or that mean nothing to a reader). */
const HIDDEN_KEYS = /(Id|At)$|^ownerEmail$/;

/** A short, readable summary of an event's data (the API never puts secrets there). */
export function summarizeData(data: Record<string, unknown> | null | undefined): string {
  if (!data) return '';
  return Object.entries(data)
    .filter(([key]) => !HIDDEN_KEYS.test(key) || key === 'clientId' || key === 'expiresAt')
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([key, value]) => `${key}: ${describe(value)}`)
    .join('; ');
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map(describe).join(', ');
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.appName === 'string') return record.appName;
    if (typeof record.type === 'string' && Object.keys(record).length === 1) return record.type;
    return Object.entries(record)
      .map(([k, v]) => `${k} ${describe(v)}`)
      .join(', ');
  }
  return String(value);
}

/** A datetime-local input value (yyyy-mm-ddThh:mm, local) for an ISO instant. */
export function toDateTimeInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${toDateInput(iso)}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The instant of a datetime-local input value (local time), as ISO. */
export const fromDateTimeInput = (value: string): string => new Date(value).toISOString();

/** The instant `days` days from now, to the minute. */
export function daysFromNow(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setSeconds(0, 0);
  return d.toISOString();
}

/** A date input value (yyyy-mm-dd, local) for an ISO instant. */
export function toDateInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The end of the chosen local day, as an ISO instant: a credential "expiring on" a date works all that day. */
export function fromDateInput(value: string): string {
  const [y, m, d] = value.split('-').map(Number);
  return new Date(y, m - 1, d, 23, 59, 59).toISOString();
}

/** The start of the chosen local day, as an ISO instant: entries "since" a date include all of that day. */
export function startOfDateInput(value: string): string {
  const [y, m, d] = value.split('-').map(Number);
  return new Date(y, m - 1, d).toISOString();
}

export function tomorrowInput(): string {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  return toDateInput(d.toISOString());
}
