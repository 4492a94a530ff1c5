import { isAscii } from 'node:buffer';
import { decodeFormComponent } from './form-body';

export interface PresentedClientCredentials {
  clientId: string;
  clientSecret: string;
  /** `client_secret_basic` (Authorization header) or `client_secret_post` (form body). */
  method: 'basic' | 'post';
}

export type ClientCredentialsResult =
  | { kind: 'presented'; credentials: PresentedClientCredentials }
  /** No usable client authentication; `viaHeader` when an Authorization header was sent (answer with WWW-Authenticate). */
  | { kind: 'invalid'; viaHeader: boolean }
  /** Both the header and the body authenticate the client: a malformed request. */
  | { kind: 'conflict' };

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes `Authorization: Basic …` as RFC 6749 §2.3.1 defines it for OAuth clients: the base64 of
 * `form-urlencode(client_id) ":" form-urlencode(client_secret)`; both parts are form-decoded.
 * Null for another scheme or anything malformed.
 */
export function parseBasicAuthorization(header: string): { clientId: string; clientSecret: string } | null {
  const match = /^basic[ \t]+(\S+)[ \t]*$/i.exec(header);
  if (!match) return null;
  const encoded = match[1];
  if (!BASE64.test(encoded) || encoded.length % 4 === 1) return null;
  const bytes = Buffer.from(encoded, 'base64');
  let decoded: string;
  if (isAscii(bytes)) decoded = bytes.toString('latin1');
  else {
    try {
      decoded = utf8.decode(bytes);
    } catch {
      return null;
    }
  }
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  const clientId = decodeFormComponent(decoded.slice(0, colon));
  const clientSecret = decodeFormComponent(decoded.slice(colon + 1));
  if (!clientId || clientSecret === null) return null;
  return { clientId, clientSecret };
}

/**
 * Finds how the client authenticates: the Basic header or `client_id` + `client_secret` in the
 * body, never both. A `client_id` in the body beside a Basic header must name the same client.
 */
export function extractClientCredentials(authorization: string | undefined, params: ReadonlyMap<string, string>): ClientCredentialsResult {
  const bodyId = params.get('client_id');
  const bodySecret = params.get('client_secret');
  if (authorization !== undefined) {
    if (bodySecret !== undefined) return { kind: 'conflict' };
    const basic = parseBasicAuthorization(authorization);
    if (!basic) return { kind: 'invalid', viaHeader: true };
    if (bodyId !== undefined && bodyId !== basic.clientId) return { kind: 'conflict' };
    return { kind: 'presented', credentials: { clientId: basic.clientId, clientSecret: basic.clientSecret, method: 'basic' } };
  }
  if (bodyId === undefined || bodyId === '' || bodySecret === undefined) return { kind: 'invalid', viaHeader: false };
  return { kind: 'presented', credentials: { clientId: bodyId, clientSecret: bodySecret, method: 'post' } };
}
