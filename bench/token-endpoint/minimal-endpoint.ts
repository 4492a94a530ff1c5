/**
 * The baseline: the least a token endpoint can do. Plain node:http reads the form body, verifies
 * one ES256 JWT and signs one ES256 JWT with node:crypto, and answers JSON. No client
 * authentication, no state, no revocation checks.
 */
import { createPrivateKey, createPublicKey, randomUUID, sign, verify, type JsonWebKey } from 'node:crypto';
import { createServer } from 'node:http';

const credentialKey = createPublicKey({ key: JSON.parse(process.env.VERIFY_JWK!) as JsonWebKey, format: 'jwk' });
const signingKey = createPrivateKey({ key: JSON.parse(process.env.SIGN_JWK!) as JsonWebKey, format: 'jwk' });
const header = Buffer.from(JSON.stringify({ alg: 'ES256', typ: 'at+jwt', kid: 'minimal' })).toString('base64url');

createServer((req, res) => {
  if (req.url === '/health') {
    res.end('ok');
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    const [h, p, s] = (form.get('assertion') ?? '').split('.');
    const ok = verify('sha256', Buffer.from(`${h}.${p}`), { key: credentialKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(s ?? '', 'base64url'));
    if (!ok) {
      res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"invalid_grant"}');
      return;
    }
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as { sub: string };
    const now = Math.floor(Date.now() / 1000);
    const payload = Buffer.from(JSON.stringify({ sub: claims.sub, iat: now, exp: now + 3600, jti: randomUUID() })).toString('base64url');
    const signature = sign('sha256', Buffer.from(`${header}.${payload}`), { key: signingKey, dsaEncoding: 'ieee-p1363' }).toString('base64url');
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify({ access_token: `${header}.${payload}.${signature}`, token_type: 'bearer', expires_in: 3600 }));
  });
}).listen(Number(process.env.PORT), '127.0.0.1');
