import { OAuthErrors } from './oauth-error';

/** One form-encoded request to the Auth API, as the endpoints see it (no Fastify types). */
export interface AuthApiRequest {
  /** The parsed form body: each parameter once. */
  params: ReadonlyMap<string, string>;
  /** The Authorization header, when sent. */
  authorization?: string;
  /** The client's address (`TRUST_PROXY` honoured), for throttling, address allowlists and last use. */
  address: string;
  /** The User-Agent header, when sent (kept, truncated, with the credential's last use). */
  userAgent?: string;
  /** Carried into event metadata: the client's `X-Correlation-Id` when plausible, else a fresh id. */
  correlationId: string;
}

/** A parameter the request must carry, non-empty; `invalid_request` naming it otherwise. */
export function requiredParam(params: ReadonlyMap<string, string>, name: string): string {
  const value = params.get(name);
  if (value === undefined || value === '') throw OAuthErrors.invalidRequest(`Parameter [${name}] is missing`);
  return value;
}
