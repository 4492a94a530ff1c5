/**
 * What a problem's `title` says: what went wrong, in people's words, for the console to show as the
 * heading of an error. The one place titles are chosen: by the problem's `code`, and for an invalid
 * body (`VALIDATION_FAILED`) by the route it was sent to. A code without a title here gets its
 * status's reason phrase.
 */
const TITLES_BY_CODE: Record<string, string> = {
  VALIDATION_FAILED: 'Invalid request',
  UNAUTHENTICATED: 'Not signed in',
  INVALID_LOGIN: 'Sign-in failed',
  MEMBERSHIP_REQUIRED: 'Not a member of an organization',
  DEVELOPER_ACCESS_REQUIRED: 'Developer access required',
  DEVELOPER_ADMIN_REQUIRED: 'Developer Admin role required',
  SIGNUP_DISABLED: 'Sign-up is closed',
  USER_DEACTIVATED: 'Account deactivated',
  NOT_FOUND: 'Not found',
  CREDENTIAL_NOT_FOUND: 'Credential not found',
  APP_NOT_FOUND: 'App not found',
  APP_CLIENT_NOT_FOUND: 'No app has this client ID',
  ALLOWED_APP_NOT_FOUND: 'App not allowed for this credential',
  MEMBER_NOT_FOUND: 'Member not found',
  INVITATION_NOT_FOUND: 'Invitation not found',
  INVITATION_EXPIRED: 'Invitation expired',
  INVITATION_ALREADY_ACCEPTED: 'Invitation already accepted',
  INVITATION_EXISTS: 'Invitation already pending',
  ALREADY_A_MEMBER: 'Already a member',
  EMAIL_TAKEN: 'E-mail address already registered',
  SANDBOX_ACCOUNT_REQUIRED: 'Sandbox account needed',
  SANDBOX_ACCOUNT_EXISTS: 'Sandbox account exists already',
  CREDENTIAL_NOT_ACTIVE: 'Credential no longer active',
  ALLOWED_APPS_LIMIT_REACHED: 'Too many allowed apps',
  ALLOWED_APPS_NOT_SPECIFIC: 'Credential allows every app of the organization',
  LAST_ALLOWED_APP: 'Last allowed app',
  LAST_DEVELOPER_ADMIN: 'Last Developer Admin',
  EXPIRY_EXTENSION_NOT_ALLOWED: 'Expiry cannot be extended',
  REVISION_MISMATCH: 'Changed by someone else',
  CONCURRENT_MODIFICATION: 'Changed by someone else',
  INVALID_IF_MATCH: 'Invalid If-Match header',
  INVALID_CURSOR: 'Invalid page cursor',
  RATE_LIMITED: 'Too many attempts',
  BUSY: 'Server busy',
  THROTTLE_UNAVAILABLE: 'Temporarily unavailable',
  STORE_UNAVAILABLE: 'Temporarily unavailable',
  PAYLOAD_TOO_LARGE: 'Request too large',
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported content type',
  INTERNAL_ERROR: 'Unexpected error',
};

/** `VALIDATION_FAILED` by route (`METHOD /path/:param`, as the router names it). */
const VALIDATION_TITLES_BY_ROUTE: Record<string, string> = {
  'POST /console/v1/signup': 'Invalid sign-up details',
  'POST /console/v1/sessions': 'Invalid sign-in details',
  'POST /console/v1/invitations/:token/accept': 'Invalid account details',
  'POST /console/v1/invitations/lookup': 'Invalid invitation token',
  'POST /console/v1/credentials': 'Invalid credential settings',
  'PATCH /console/v1/credentials/:id': 'Invalid credential settings',
  'POST /console/v1/credentials/:id/revoke': 'Invalid revocation',
  'POST /console/v1/credentials/:id/allowed-apps': 'Invalid app to allow',
  'GET /console/v1/credentials': 'Invalid credential filter',
  'POST /console/v1/apps': 'Invalid app settings',
  'PATCH /console/v1/apps/:appId': 'Invalid app settings',
  'GET /console/v1/apps/lookup': 'Invalid client ID',
  'POST /console/v1/organization/invitations': 'Invalid invitation',
  'PATCH /console/v1/organization/members/:userId': 'Invalid member settings',
  'GET /console/v1/audit': 'Invalid audit log filter',
  'GET /console/v1/audit/export': 'Invalid audit log filter',
};

/** The title of a problem with this `code`, answered on `route` (`METHOD /path/:param`), or null when there is none. */
export function problemTitle(code: string, route?: string): string | null {
  if (code === 'VALIDATION_FAILED' && route !== undefined && VALIDATION_TITLES_BY_ROUTE[route]) return VALIDATION_TITLES_BY_ROUTE[route];
  return TITLES_BY_CODE[code] ?? null;
}
