/**
 * Platform API errors, in the shapes RingCentral's REST API answers them (never problem+json).
 */
export interface PlatformErrorBody {
  errorCode: string;
  message: string;
  errors: Record<string, string>[];
  [extra: string]: unknown;
}

export class PlatformError extends Error {
  override readonly name = 'PlatformError';

  constructor(
    readonly status: number,
    readonly body: PlatformErrorBody,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(body.message);
  }
}

const simple = (status: number, errorCode: string, message: string, detail: Record<string, string> = {}, headers: Record<string, string> = {}) =>
  new PlatformError(status, { errorCode, message, errors: [{ errorCode, message, ...detail }] }, headers);

export const PlatformErrors = {
  /** Invalid, expired or revoked access token (or none). */
  tokenInvalid: (realm: string) => {
    const message = 'Invalid token';
    return new PlatformError(
      401,
      { errorCode: 'TokenInvalid', message, errors: [{ errorCode: 'OAU-149', message }] },
      { 'www-authenticate': `Bearer realm="${realm}", error="invalid_token"` },
    );
  },
  /** The app lacks the scope. */
  insufficientScope: (permissionName: string) => {
    const message = `In order to call this API endpoint, application needs to have [${permissionName}] permission`;
    return new PlatformError(403, { errorCode: 'InsufficientPermissions', message, errors: [{ errorCode: 'CMN-401', message, permissionName }] });
  },
  /** The user lacks the permission. */
  userPermissionMissing: (permissionName: string) => {
    const message = `In order to call this API endpoint, user needs to have [${permissionName}] permission for requested resource.`;
    return new PlatformError(403, { errorCode: 'CMN-408', message, errors: [{ errorCode: 'CMN-408', message, permissionName }], permissionName });
  },
  notFound: (parameterName: string) => simple(404, 'CMN-102', `Resource for parameter [${parameterName}] is not found`, { parameterName }),
  routeNotFound: () => simple(404, 'CMN-404', 'Resource not found'),
  invalidParameter: (parameterName: string, message = `Parameter [${parameterName}] value is invalid`) =>
    simple(400, 'CMN-101', message, { parameterName }),
  malformedBody: (message: string) => simple(400, 'CMN-100', message),
  unsupportedMediaType: () => simple(415, 'CMN-415', 'Content-Type must be application/json'),
  payloadTooLarge: (limit: number) => simple(413, 'CMN-413', `Request body is larger than ${limit} bytes`),
  methodNotAllowed: (allowed: string) => simple(405, 'CMN-405', `Method not allowed; use ${allowed}`, {}, { allow: allowed }),
  unavailable: () => simple(503, 'CMN-211', 'Service temporarily unavailable; try again later', {}, { 'retry-after': '5' }),
  internal: () => simple(500, 'CMN-500', 'Internal server error'),
};
