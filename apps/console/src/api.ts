/** The console API client: every call the console makes goes through here, to /console/v1 only. */

export type Environment = 'production' | 'sandbox';
export type Role = 'user' | 'developer' | 'developer_admin';
export type CredentialStatus = 'active' | 'pending_approval' | 'revoked' | 'expired';

export const ENVIRONMENTS: readonly Environment[] = ['production', 'sandbox'];
export const ROLES: readonly Role[] = ['user', 'developer', 'developer_admin'];
export const PERMISSIONS = ['ReadAccounts', 'EditAccounts', 'ReadExtensions', 'EditExtensions'] as const;
export const GRANT_TYPES = ['jwt_bearer', 'refresh_token'] as const;

export interface Me {
  id: string;
  email: string;
  name: string;
  organizationId: string | null;
  role: Role | null;
  permissions: string[];
  accounts: { production: { userId: string }; sandbox: { userId: string } | null };
  mfa: { totp: boolean };
}

export interface AllowedApp {
  clientId: string;
  appName: string;
  organizationName: string;
  /** On a saved credential: `pending_approval` while a Developer Admin has not approved the app (apps of other organizations under an approval policy). */
  status?: 'active' | 'pending_approval';
}

export type AllowedApps = { type: 'organization' } | { type: 'specific'; apps: AllowedApp[] };

export interface Credential {
  id: string;
  label: string;
  environment: Environment;
  status: CredentialStatus;
  allowedApps: AllowedApps;
  ownerId: string;
  ownerEmail: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  /** Who or what revoked it; null while it is not revoked. */
  revocationReason: RevocationReason | null;
  lastUsedAt: string | null;
  /** Canonical CIDR ranges the token endpoint accepts it from; empty: any address. */
  allowedAddresses: string[];
  lastUsed: LastUse | null;
  usedBy: AppUsage[];
  revision: number;
}

export interface LastUse {
  at: string;
  clientId: string | null;
  appName: string | null;
  address: string | null;
  userAgent: string | null;
}

export interface AppUsage {
  clientId: string;
  appName: string | null;
  lastUsedAt: string;
  count: number;
}

export type RevocationReason = 'owner' | 'admin' | 'member_removed' | 'policy' | 'inactive' | 'leaked' | 'denied';

export const REVOCATION_REASON_LABELS: Record<RevocationReason, string> = {
  owner: 'by its owner',
  admin: 'by an admin',
  member_removed: 'when its owner was removed',
  policy: 'for breaking the organization’s policy',
  inactive: 'for inactivity',
  leaked: 'after it was reported leaked',
  denied: 'when an admin denied its only app',
};

/** A request for an app of another organization to use a member's credential (API.md, "Third-party approval"). */
export interface CredentialRequest {
  id: string;
  credentialId: string;
  credentialLabel: string;
  requester: { userId: string; email: string };
  clientId: string;
  appName: string;
  organizationName: string;
  justification: string;
  status: 'pending' | 'approved' | 'denied';
  createdAt: string;
  decidedBy?: { userId: string; email: string };
  decidedAt?: string;
  note?: string;
}

/** The organization's credential policy (API.md, "Organization policy"). */
export interface Policy {
  maxCredentialLifetimeDays: number | null;
  requireExpiry: boolean;
  organizationWideCredentials: { production: boolean; sandbox: boolean };
  thirdPartyApps: 'allowed' | 'approval' | 'forbidden';
  inactiveCredentialRevocationDays: number | null;
  requireMfa: boolean;
  revision: number;
}

export interface PolicyViolation {
  credential: Credential;
  violations: { rule: string; field: string; message: string }[];
}

/** The event types of a credential's history and of the audit log, in the order they usually happen. */
export const CREDENTIAL_EVENT_TYPES = [
  'CredentialCreated',
  'CredentialLabelChanged',
  'CredentialExpiryChanged',
  'CredentialAllowedAppsSet',
  'CredentialAppAllowed',
  'CredentialAppDisallowed',
  'CredentialAppApproved',
  'CredentialAppDenied',
  'CredentialUsed',
  'CredentialInactivityNoticed',
  'CredentialExpiryNoticed',
  'CredentialExpired',
  'CredentialRevoked',
  'CredentialDeleted',
] as const;

export interface HistoryEntry {
  position: number | string;
  type: string;
  at: string;
  actor: { userId: string | null; email: string | null } | null;
  data: Record<string, unknown> | null;
  /** The app an entry is about (a use, an app allowed or disallowed); `name` null once the app is deleted. */
  app?: { clientId: string; name: string | null } | null;
}

export interface Member {
  userId: string;
  /** `service`: a service user, which has no password and never signs in. */
  kind: 'person' | 'service';
  email: string;
  name: string;
  role: Role;
  permissions: string[];
  status: 'active' | 'removed' | string;
}

/** What stops working if a member is removed (GET /organization/members/{userId}/offboarding). */
export interface Offboarding {
  credentials: {
    id: string;
    label: string;
    environment: Environment;
    lastUsedAt: string | null;
    usedBy: { clientId: string; appName: string | null; lastUsedAt: string }[];
  }[];
  apps: { id: string; name: string; environments: Environment[]; createdAt: string }[];
  invitations: { id: string; email: string; role: Role; createdAt: string; expiresAt: string }[];
  apiTokens: {
    id: string;
    name: string;
    expiresAt: string;
    lastUsedAt: string | null;
    owner: { userId: string; name: string; kind: 'person' | 'service' };
    /** `owner`: the member's own token; `minted`: one they minted for a service user, which keeps working. */
    relation: 'owner' | 'minted';
  }[];
}

export interface Invitation {
  id: string;
  email: string;
  role: Role;
  permissions: string[];
  token: string;
  expiresAt: string;
}

/** An invitation as the organization's invitations list shows it (never its token). */
export interface InvitationSummary {
  id: string;
  email: string;
  role: Role;
  permissions: string[];
  /** null for invitations issued before inviters were recorded. */
  invitedBy: { userId: string; email: string } | null;
  createdAt: string;
  expiresAt: string;
  status: 'pending' | 'accepted' | 'cancelled' | 'expired';
}

export interface AppSummary {
  id: string;
  name: string;
  scopes: string[];
  grantTypes: string[];
  environments?: Environment[];
  clients: Partial<Record<Environment, { clientId: string }>>;
  createdAt?: string;
  /** The member who created it (null for apps created before creators were recorded). */
  createdBy?: string | null;
}

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

export interface CreatedApp extends Omit<AppSummary, 'clients'> {
  clients: Partial<Record<Environment, ClientCredentials>>;
}

export interface AppLookup {
  clientId: string;
  environment: Environment;
  appName: string;
  organizationName: string;
}

export interface SessionInfo {
  token: string;
  expiresAt: string;
}

export interface ListPage<T> {
  items: T[];
  nextCursor: string | null;
}

/** An RFC 9457 problem, as the console API answers every failure. */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: { field: string; message: string }[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `The request failed (HTTP ${problem.status}).`);
    this.name = 'ApiError';
  }

  get status(): number {
    return this.problem.status;
  }

  get code(): string | undefined {
    return this.problem.code;
  }
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

/*
 * The session lives in the `latchkey_session` cookie the server sets at sign-in (HttpOnly: no
 * script, this one included, can read it; SameSite=Strict: no other site's request carries it), so
 * a link opened in a new tab or a bookmark is signed in too. Every request sends
 * `X-Requested-With: latchkey`, which the server requires of writes the cookie authenticates: a
 * forged cross-site form cannot send it. `signedIn` only remembers whether a 401 means that a
 * session has ended.
 */
let signedIn = false;

export function markSignedIn(value: boolean): void {
  signedIn = value;
}

let unauthorizedHandler: (() => void) | null = null;

/** Called when a signed-in request answers 401: the session has ended (logged out, expired, member removed). */
export function onUnauthorized(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

export interface RequestOptions {
  body?: unknown;
  /** The revision the caller last saw (from the ETag); the write answers 412 if it is stale. */
  ifMatch?: string | null;
  /** A request that needs no session (sign up, log in, accept an invitation): its 401 does not sign the console out. */
  anonymous?: boolean;
  signal?: AbortSignal;
}

export interface ApiResponse<T> {
  data: T;
  status: number;
  etag: string | null;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { accept: 'application/json', 'x-requested-with': 'latchkey' };
  const session = !options.anonymous && signedIn;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.ifMatch) headers['if-match'] = options.ifMatch;

  let response: Response;
  try {
    response = await fetch(`/console/v1${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      cache: 'no-store',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({ status: 0, title: 'Network error', detail: 'Latchkey could not be reached. Check your connection and try again.' });
  }

  const text = await response.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }
  if (!response.ok) {
    const problem: Problem =
      body && typeof body === 'object' && 'status' in body
        ? (body as Problem)
        : { status: response.status, title: response.statusText || 'Error', detail: `The request failed (HTTP ${response.status}).` };
    if (response.status === 401 && session) {
      signedIn = false;
      unauthorizedHandler?.();
    }
    throw new ApiError(problem);
  }
  return { data: body as T, status: response.status, etag: response.headers.get('etag') };
}

export const get = <T>(path: string, signal?: AbortSignal) => request<T>('GET', path, { signal }).then((r) => r.data);

/** A list path with the paging parameters added. */
export function pagePath(path: string, limit: number, cursor: string | null = null): string {
  const separator = path.includes('?') ? '&' : '?';
  return `${path}${separator}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
}

/** Every item of a paged list, following `nextCursor`. */
export async function getAll<T>(path: string, signal?: AbortSignal): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 100; page++) {
    const result: ListPage<T> = await get<ListPage<T>>(pagePath(path, 500, cursor), signal);
    items.push(...result.items);
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  return items;
}

export const post = <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'body'> = {}) =>
  request<T>('POST', path, { ...options, body: body ?? {} }).then((r) => r.data);

export const patch = <T>(path: string, body: unknown, ifMatch?: string | null) => request<T>('PATCH', path, { body, ifMatch });

export const del = (path: string) => request<null>('DELETE', path).then(() => undefined);

export const encode = encodeURIComponent;

/** Downloads a file the API answers (an export): fetched as a blob and saved under the name the API gives it. */
export async function download(path: string, fallbackName: string): Promise<void> {
  const session = signedIn;
  let response: Response;
  try {
    response = await fetch(`/console/v1${path}`, {
      headers: { 'x-requested-with': 'latchkey' },
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError({ status: 0, title: 'Network error', detail: 'Latchkey could not be reached. Check your connection and try again.' });
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null);
    if (response.status === 401 && session) {
      signedIn = false;
      unauthorizedHandler?.();
    }
    throw new ApiError(
      body && typeof body === 'object' && 'status' in body
        ? (body as Problem)
        : { status: response.status, title: response.statusText || 'Error', detail: `The download failed (HTTP ${response.status}).` },
    );
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
