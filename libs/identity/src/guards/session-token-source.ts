import type { FastifyRequest } from 'fastify';
import { DomainError } from '@latchkey/building-blocks';
import { SESSION_COOKIE } from '../shared/session-cookie';

const BEARER = /^bearer[ \t]+(\S+)[ \t]*$/i;
/** Methods a cookie alone may authenticate; every other one must also carry the CSRF header. */
const SAFE_METHODS = new Set(['GET', 'HEAD']);
export const CSRF_HEADER = 'x-requested-with';
export const CSRF_HEADER_VALUE = 'latchkey';

export interface PresentedToken {
  token: string;
  via: 'bearer' | 'cookie';
}

/**
 * The session token a console request presents: `Authorization: Bearer …` (scripts), else the
 * `latchkey_session` cookie (the console). An `Authorization` header of another scheme presents no
 * token, and the cookie is then not read either. A cookie-authenticated request whose method is not
 * GET/HEAD must carry `X-Requested-With: latchkey` (a header no cross-site form can set, and a
 * cross-site script may set only after a CORS preflight this server never approves), else
 * `403 CSRF_HEADER_REQUIRED`.
 */
export function presentedSessionToken(request: Pick<FastifyRequest, 'headers' | 'method'>): PresentedToken | undefined {
  const header = request.headers.authorization;
  if (typeof header === 'string') {
    const token = BEARER.exec(header)?.[1];
    return token === undefined ? undefined : { token, via: 'bearer' };
  }
  const token = cookieValue(request.headers.cookie, SESSION_COOKIE);
  if (token === undefined) return undefined;
  if (!SAFE_METHODS.has(request.method.toUpperCase()) && request.headers[CSRF_HEADER] !== CSRF_HEADER_VALUE) {
    throw new DomainError(
      'forbidden',
      'CSRF_HEADER_REQUIRED',
      `A request signed in by the session cookie must carry the header X-Requested-With: ${CSRF_HEADER_VALUE}`,
    );
  }
  return { token, via: 'cookie' };
}

/** The first cookie of this name in a `Cookie` header (RFC 6265 §5.4), or undefined. */
export function cookieValue(header: string | string[] | undefined, name: string): string | undefined {
  if (typeof header !== 'string') return undefined;
  for (const pair of header.split(';')) {
    const at = pair.indexOf('=');
    if (at < 0 || pair.slice(0, at).trim() !== name) continue;
    const value = pair.slice(at + 1).trim();
    return value.startsWith('"') && value.endsWith('"') && value.length >= 2 ? value.slice(1, -1) : value;
  }
  return undefined;
}
