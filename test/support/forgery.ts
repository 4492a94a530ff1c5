import { createHmac, createPublicKey, generateKeyPairSync, type JsonWebKey, type KeyObject, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';

/** base64url of a JSON value, or of a string's UTF-8 bytes. */
export const b64url = (value: unknown): string =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value), 'utf8').toString('base64url');

/** The decoded protected header and payload of a compact JWS (no verification). */
export function decodeJws(token: string): { header: Record<string, unknown>; payload: Record<string, unknown>; parts: [string, string, string] } {
  const [header, payload, signature] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString('utf8')),
    payload: JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')),
    parts: [header, payload, signature],
  };
}

/** `header.payload.` plus whatever signature `signer` makes of the signing input. The payload part is used as given when a string. */
export function forgeJws(header: Record<string, unknown>, payload: unknown, signer: (input: string) => string = () => ''): string {
  const input = `${b64url(header)}.${typeof payload === 'string' ? payload : b64url(payload)}`;
  return `${input}.${signer(input)}`;
}

/** An HMAC signer keyed with `secret` (the classic RS/ES → HS key-confusion attack uses a public key's bytes). */
export const hmacSigner =
  (hash: 'sha256' | 'sha512', secret: string | Buffer) =>
  (input: string): string =>
    createHmac(hash, secret).update(input).digest('base64url');

/** An ES256 signer (JOSE's raw r||s signature) with any EC P-256 private key. */
export const es256Signer =
  (privateKey: KeyObject) =>
  (input: string): string =>
    sign('sha256', Buffer.from(input, 'ascii'), { key: privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url');

/** A key pair of the attacker's own. */
export function attackerKeyPair(): { privateKey: KeyObject; publicKey: KeyObject; publicJwk: Record<string, unknown> } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { privateKey, publicKey, publicJwk: publicKey.export({ format: 'jwk' }) as Record<string, unknown> };
}

/** A published JWK as PEM (SPKI), the bytes a key-confusion attacker would use as an HMAC secret. */
export const jwkToPem = (jwk: Record<string, unknown>): string =>
  createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' }).export({ type: 'spki', format: 'pem' }) as string;

/**
 * A local HTTP listener that serves anything asked of it (an empty JWKS, a made-up certificate)
 * and counts every TCP connection: a verifier that fetched keys from `jku` or `x5u` would show up
 * here.
 */
export interface CountingListener {
  url: string;
  connections: () => number;
  close: () => Promise<void>;
}

export async function startCountingListener(): Promise<CountingListener> {
  let connections = 0;
  const server: Server = createServer((_request, response) => {
    response.setHeader('content-type', 'application/json');
    response.end('{"keys":[]}');
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Percent-encodes every byte of a string (`abc` → `%61%62%63`), the most literal form-urlencoding there is. */
export const percentEncodeAll = (value: string): string =>
  [...Buffer.from(value, 'utf8')].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');
