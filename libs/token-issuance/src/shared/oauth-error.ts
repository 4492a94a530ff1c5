/**
 * Auth API errors: RFC 6749 §5.2 (`error`, `error_description`) plus RingCentral's `errors` array
 * with a stable `errorCode`. The status, `error` and `errorCode` of each case are the contract
 * (API.md, token error table).
 */
export const OAUTH_ERROR_CODES = [
  'OAU-101',
  'OAU-153',
  'OAU-210',
  'OAU-213',
  'OAU-214',
  'OAU-215',
  'OAU-216',
  'OAU-217',
  'OAU-281',
  'OAU-250',
  'OAU-251',
  'OAU-252',
  'OAU-280',
  'OAU-429',
  'OAU-500',
  'OAU-503',
] as const;

export type OAuthErrorCode = (typeof OAUTH_ERROR_CODES)[number];

export type InvalidGrantCode = 'OAU-210' | 'OAU-213' | 'OAU-214' | 'OAU-215' | 'OAU-216' | 'OAU-217' | 'OAU-280' | 'OAU-281';

export interface OAuthErrorBody {
  error: string;
  error_description: string;
  errors: [{ errorCode: OAuthErrorCode; message: string }];
}

export class OAuthError extends Error {
  override readonly name = 'OAuthError';

  constructor(
    readonly status: number,
    readonly error: string,
    readonly errorCode: OAuthErrorCode,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }

  get body(): OAuthErrorBody {
    return { error: this.error, error_description: this.message, errors: [{ errorCode: this.errorCode, message: this.message }] };
  }

  withHeaders(headers: Record<string, string>): OAuthError {
    return new OAuthError(this.status, this.error, this.errorCode, this.message, { ...this.headers, ...headers });
  }
}

export const OAuthErrors = {
  invalidRequest: (message: string) => new OAuthError(400, 'invalid_request', 'OAU-101', message),
  payloadTooLarge: (limitBytes: number) => new OAuthError(413, 'invalid_request', 'OAU-101', `Request body is larger than ${limitBytes} bytes`),
  methodNotAllowed: (allowed: string) => new OAuthError(405, 'invalid_request', 'OAU-101', `Method not allowed; use ${allowed}`, { allow: allowed }),
  unknownEndpoint: () => new OAuthError(404, 'invalid_request', 'OAU-101', 'There is no such Auth API endpoint'),
  unsupportedGrantType: () => new OAuthError(400, 'unsupported_grant_type', 'OAU-250', 'Unsupported grant type'),
  /** The same answer for an unknown client, a wrong secret and a client of the other environment. */
  invalidClient: () => new OAuthError(401, 'invalid_client', 'OAU-153', 'Client authentication failed'),
  unauthorizedClient: (grant: string) =>
    new OAuthError(400, 'unauthorized_client', 'OAU-251', `The application is not authorized to use the ${grant} grant type`),
  invalidGrant: (errorCode: InvalidGrantCode, message: string) => new OAuthError(400, 'invalid_grant', errorCode, message),
  invalidScope: () => new OAuthError(400, 'invalid_scope', 'OAU-252', 'The requested scope is not granted to the application'),
  rateLimited: (retryAfterSeconds: number) =>
    new OAuthError(429, 'rate_limited', 'OAU-429', 'Too many failed client authentications; try again later', {
      'retry-after': String(retryAfterSeconds),
    }),
  unavailable: (retryAfterSeconds: number) =>
    new OAuthError(503, 'temporarily_unavailable', 'OAU-503', 'The service is temporarily unavailable; try again later', {
      'retry-after': String(retryAfterSeconds),
    }),
  serverError: () => new OAuthError(500, 'server_error', 'OAU-500', 'The server failed to process the request'),
};

/** Messages of the invalid_grant cases, so every path words them the same way. */
export const GRANT_MESSAGES = {
  credentialExpired: 'The credential has expired',
  credentialRevoked: 'The credential is revoked, deleted or unknown',
  otherEnvironment: 'The credential belongs to the other environment',
  appNotAllowed: 'The application is not permitted to use this credential',
  credentialPendingApproval: 'The credential waits for an administrator’s approval of its applications',
  appPendingApproval: 'The application waits for an administrator’s approval to use this credential',
  ownerDeactivated: "The credential's owner is deactivated",
  ownerWithoutDeveloperAccess: "The credential's owner no longer has developer access in their organization",
  subjectMismatch: 'Invalid credential JWT: the subject does not match the credential owner',
  refreshTokenInvalid: 'The refresh token is invalid, expired, revoked or already used',
  addressNotAllowed: "The request's client address is not in the credential's allowed addresses",
} as const;
