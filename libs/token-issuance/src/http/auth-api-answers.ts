import { isDomainError } from '@latchkey/building-blocks';
import { EventStoreUnavailableError } from '@latchkey/event-store';
import { OAuthError, OAuthErrors } from '../shared/oauth-error';

/** One answer of a form endpoint, before Fastify's reply writes it. */
export interface AuthApiAnswer {
  status: number;
  /** Lower-case names, in the order they are written; the last is Content-Length. */
  headers: Readonly<Record<string, string>>;
  /** JSON, or nothing. */
  body: string | undefined;
}

export const JSON_TYPE = 'application/json; charset=utf-8';
const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/** `200` with the endpoint's result as JSON (or no body), never cached. */
export function okAnswer(result: unknown): AuthApiAnswer {
  if (result === undefined)
    return { status: 200, headers: { 'cache-control': 'no-store', pragma: 'no-cache', 'content-length': '0' }, body: undefined };
  const body = JSON.stringify(result);
  return {
    status: 200,
    headers: { 'cache-control': 'no-store', pragma: 'no-cache', 'content-type': JSON_TYPE, 'content-length': String(Buffer.byteLength(body)) },
    body,
  };
}

/** An OAuth error in its JSON shape, never cached, with the error's own headers (`WWW-Authenticate`, `Retry-After`). */
export function errorAnswer(error: OAuthError): AuthApiAnswer {
  const body = JSON.stringify(error.body);
  return {
    status: error.status,
    headers: {
      'cache-control': 'no-store',
      pragma: 'no-cache',
      ...error.headers,
      'content-type': JSON_TYPE,
      'content-length': String(Buffer.byteLength(body)),
    },
    body,
  };
}

/** A request the Auth API answered with a 5xx status, as it is logged: never a header or a body. */
export interface FailedAuthApiRequest {
  id: string;
  method: string;
  /** Without the query string. */
  path: string;
  statusCode: number;
  responseTimeMs: number;
}

export interface UnexpectedErrorLogger {
  error(message: string, error: unknown): void;
}

/** Any failure as the OAuth error answered for it: a store that is unavailable is 503, anything unexpected is logged and 500. */
export function toOAuthError(error: unknown, logger: UnexpectedErrorLogger): OAuthError {
  if (error instanceof OAuthError) return error;
  if (error instanceof EventStoreUnavailableError || (isDomainError(error) && (error.kind === 'unavailable' || error.kind === 'conflict'))) {
    return OAuthErrors.unavailable(UNAVAILABLE_RETRY_AFTER_SECONDS);
  }
  logger.error('Unexpected error in the Auth API', error);
  return OAuthErrors.serverError();
}
