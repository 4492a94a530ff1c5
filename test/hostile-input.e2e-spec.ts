import { createHash, randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import request from 'supertest';
import { EVENT_STORE, type EventStore, ProjectionRunner } from '@latchkey/event-store';
import { KeyRing } from '@latchkey/keys';
import { parseBasicAuthorization } from '../libs/token-issuance/src/http/client-credentials';
import { bearer, PASSWORD, type SignedUp, signup } from './support/console';
import { CREDENTIALS, credentialBody } from './support/credentials-journey';
import {
  attackerKeyPair,
  b64url,
  type CountingListener,
  decodeJws,
  es256Signer,
  forgeJws,
  hmacSigner,
  jwkToPem,
  percentEncodeAll,
  startCountingListener,
} from './support/forgery';
import { startListeningTestApp, type ListeningTestApp } from './support/listening-app';
import {
  authPost,
  basic,
  type Client,
  createOAuthApp,
  createSandboxAccount,
  exchange,
  type IssuedCredential,
  issueCredential,
  JWT_BEARER,
  PREFIX,
} from './support/oauth-journey';

/**
 * Hostile input against the running application: forged and malformed credential JWTs, broken
 * client authentication, abusive form bodies, forged tokens at revocation, introspection and the
 * Platform API, and hostile console input. Every case pins the status and the stable error code of
 * its surface: OAuth `error` + `errors[0].errorCode` (Auth API), RingCentral `errorCode` (Platform
 * API), problem+json `code` (console API). Afterwards the process is healthy, no answer was a 5xx
 * or carried a stack trace or a secret, and no prototype was polluted.
 */

/** One HTTP answer, from supertest or from Fastify's inject. */
interface Answer {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

type Expected = [status: number, error: string, errorCode: string];

const INVALID_GRANT_216: Expected = [400, 'invalid_grant', 'OAU-216'];
const INVALID_REQUEST: Expected = [400, 'invalid_request', 'OAU-101'];
const INVALID_CLIENT: Expected = [401, 'invalid_client', 'OAU-153'];
const TOO_LARGE: Expected = [413, 'invalid_request', 'OAU-101'];

const mediaType = (answer: Answer) => String(answer.headers['content-type'] ?? '').split(';')[0];

describe('hostile input', () => {
  jest.setTimeout(60_000);

  let t: ListeningTestApp;
  let listener: CountingListener;
  let admin: SignedUp;
  let prod: Client;
  let sbx: Client;
  let credential: IssuedCredential;
  let sandboxCredential: IssuedCredential;
  let tokens: { access_token: string; refresh_token: string };
  let sandboxTokens: { access_token: string; refresh_token: string };
  /** The kid of the real production credential key, read from a real credential JWT. */
  let credentialKid: string;
  /** The published access-token key of production (GET /restapi/oauth/jwks). */
  let publishedJwk: Record<string, unknown>;
  let publishedPem: string;
  const attacker = attackerKeyPair();
  const answers: { what: string; answer: Answer }[] = [];
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

  const keep = <T extends Answer>(what: string, answer: T): T => {
    answers.push({ what, answer });
    return answer;
  };

  /** Fastify's inject: raw bytes and headers exactly as given, no HTTP client in between. */
  async function inject(options: {
    method: string;
    url: string;
    headers?: Record<string, string>;
    payload?: string | Buffer;
    remoteAddress?: string;
  }): Promise<Answer> {
    const res = await t.app
      .getHttpAdapter()
      .getInstance()
      .inject({ ...options, method: options.method as 'POST' });
    let body: unknown = res.body;
    try {
      body = res.json();
    } catch {
      // not JSON
    }
    return keep(`${options.method} ${options.url.slice(0, 80)}`, { status: res.statusCode, headers: res.headers, text: res.body, body });
  }

  /** A raw HTTP/1.1 request over a real socket (chunked when no content-length is given). */
  function rawHttp(path: string, headers: Record<string, string>, chunks: Buffer[]): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(`${t.baseUrl}${path}`, { method: 'POST', headers }, (res) => {
        const parts: Buffer[] = [];
        res.on('data', (d: Buffer) => parts.push(d));
        res.on('end', () => {
          const text = Buffer.concat(parts).toString('utf8');
          resolve(keep(`raw POST ${path}`, { status: res.statusCode ?? 0, headers: res.headers, text, body: text ? JSON.parse(text) : undefined }));
        });
      });
      req.on('error', reject);
      for (const chunk of chunks.slice(0, -1)) req.write(chunk);
      req.end(chunks[chunks.length - 1]);
    });
  }

  const expectOAuth = (answer: Answer, [status, error, errorCode]: Expected) => {
    expect({ status: answer.status, error: answer.body?.error, errorCode: answer.body?.errors?.[0]?.errorCode, type: mediaType(answer) }).toEqual({
      status,
      error,
      errorCode,
      type: 'application/json',
    });
    expect(typeof answer.body.error_description).toBe('string');
  };

  const expectTokenInvalid = (answer: Answer) => {
    expect({ status: answer.status, errorCode: answer.body?.errorCode, inner: answer.body?.errors?.[0]?.errorCode, type: mediaType(answer) }).toEqual(
      {
        status: 401,
        errorCode: 'TokenInvalid',
        inner: 'OAU-149',
        type: 'application/json',
      },
    );
    expect(answer.headers['www-authenticate']).toMatch(/^Bearer /);
  };

  const expectProblem = (answer: Answer, status: number, code: string) => {
    expect({ status: answer.status, code: answer.body?.code, type: mediaType(answer) }).toEqual({ status, code, type: 'application/problem+json' });
    expect(answer.body.status).toBe(status);
  };

  const tokenForm = (assertion: string, extra: Record<string, string> = {}) =>
    new URLSearchParams({ grant_type: JWT_BEARER, assertion, ...extra }).toString();

  /** A token request with the body exactly as given. */
  const tokenRequest = (body: string | Buffer, headers: Record<string, string> = {}) =>
    inject({
      method: 'POST',
      url: '/restapi/oauth/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(prod), ...headers },
      payload: body,
    });

  const consoleApi = {
    get: async (path: string, token = admin.token) => keep(`GET ${path.slice(0, 80)}`, await request(t.server).get(path).set(bearer(token))),
    post: async (path: string, body: unknown, token = admin.token) =>
      keep(
        `POST ${path.slice(0, 80)}`,
        await request(t.server)
          .post(path)
          .set(bearer(token))
          .send(body as object),
      ),
    patch: async (path: string, body: unknown, token = admin.token) =>
      keep(
        `PATCH ${path.slice(0, 80)}`,
        await request(t.server)
          .patch(path)
          .set(bearer(token))
          .send(body as object),
      ),
    /** A JSON body sent as the exact text given. */
    postText: async (path: string, text: string | Buffer, contentType = 'application/json', token: string | null = admin.token) =>
      inject({
        method: 'POST',
        url: path,
        payload: text,
        headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      }),
  };

  beforeAll(async () => {
    listener = await startCountingListener();
    t = await startListeningTestApp({ LOG_LEVEL: 'info' });
    admin = await signup(t, { organizationName: 'Hostile Input Inc' });
    await createSandboxAccount(t, admin.token);
    const app = await createOAuthApp(t, admin.token, { name: 'Target app' });
    prod = app.clients.production!;
    sbx = app.clients.sandbox!;
    credential = await issueCredential(t, admin.token, { label: 'target' });
    sandboxCredential = await issueCredential(t, admin.token, { environment: 'sandbox', label: 'sandbox target' });
    tokens = (await exchange(t, 'production', prod, credential.jwt).expect(200)).body;
    sandboxTokens = (await exchange(t, 'sandbox', sbx, sandboxCredential.jwt).expect(200)).body;
    credentialKid = decodeJws(credential.jwt).header.kid as string;
    const jwks = await request(t.server).get('/restapi/oauth/jwks').expect(200);
    publishedJwk = jwks.body.keys[0];
    publishedPem = jwkToPem(publishedJwk);
  });

  afterAll(async () => {
    await listener?.close();
    await t?.close();
  });

  describe('token endpoint: forged and malformed credential JWTs', () => {
    const credentialHeader = (extra: Record<string, unknown> = {}) => ({ alg: 'ES256', typ: 'credential+jwt', kid: credentialKid, ...extra });
    const payloadPart = () => decodeJws(credential.jwt).parts[1];
    const signaturePart = () => decodeJws(credential.jwt).parts[2];
    const claims = () => decodeJws(credential.jwt).payload;
    /** Signed with the real production credential key: authentic bytes, hostile content. */
    const realKeySigner = () => es256Signer(t.app.get(KeyRing).activeKey('production', 'credential').privateKey);
    const credentialPublicPem = () =>
      t.app.get(KeyRing).activeKey('production', 'credential').publicKey.export({ type: 'spki', format: 'pem' }) as string;

    it.each<[string, () => string, Expected]>([
      ['alg "none" with an empty signature', () => forgeJws(credentialHeader({ alg: 'none' }), payloadPart()), INVALID_GRANT_216],
      ['alg "none" with a signature', () => forgeJws(credentialHeader({ alg: 'none' }), payloadPart(), () => signaturePart()), INVALID_GRANT_216],
      ['alg "None"', () => forgeJws(credentialHeader({ alg: 'None' }), payloadPart(), () => signaturePart()), INVALID_GRANT_216],
      ['alg "NONE"', () => forgeJws(credentialHeader({ alg: 'NONE' }), payloadPart(), () => signaturePart()), INVALID_GRANT_216],
      ['alg "nOnE"', () => forgeJws(credentialHeader({ alg: 'nOnE' }), payloadPart()), INVALID_GRANT_216],
      [
        'HS256 keyed with the published JWKS key as PEM, with the real credential kid',
        () => forgeJws(credentialHeader({ alg: 'HS256' }), payloadPart(), hmacSigner('sha256', publishedPem)),
        INVALID_GRANT_216,
      ],
      [
        'HS256 keyed with the published JWK JSON bytes',
        () => forgeJws(credentialHeader({ alg: 'HS256' }), payloadPart(), hmacSigner('sha256', JSON.stringify(publishedJwk))),
        INVALID_GRANT_216,
      ],
      [
        'HS512 keyed with the published JWKS key as PEM',
        () => forgeJws(credentialHeader({ alg: 'HS512' }), payloadPart(), hmacSigner('sha512', publishedPem)),
        INVALID_GRANT_216,
      ],
      [
        'HS512 keyed with the published JWK JSON bytes',
        () => forgeJws(credentialHeader({ alg: 'HS512' }), payloadPart(), hmacSigner('sha512', JSON.stringify(publishedJwk))),
        INVALID_GRANT_216,
      ],
      [
        'HS256 keyed with the credential key’s own public PEM',
        () => forgeJws(credentialHeader({ alg: 'HS256' }), payloadPart(), hmacSigner('sha256', credentialPublicPem())),
        INVALID_GRANT_216,
      ],
      [
        'HS256 keyed with the published key, naming the published kid',
        () => forgeJws(credentialHeader({ alg: 'HS256', kid: publishedJwk.kid }), payloadPart(), hmacSigner('sha256', publishedPem)),
        INVALID_GRANT_216,
      ],
      [
        'the attacker’s own ES256 key with the real kid',
        () => forgeJws(credentialHeader(), payloadPart(), es256Signer(attacker.privateKey)),
        INVALID_GRANT_216,
      ],
      [
        'an embedded jwk header with the attacker’s key',
        () => forgeJws(credentialHeader({ jwk: attacker.publicJwk }), payloadPart(), es256Signer(attacker.privateKey)),
        INVALID_GRANT_216,
      ],
      [
        'an embedded jwk header and no kid',
        () => forgeJws({ alg: 'ES256', typ: 'credential+jwt', jwk: attacker.publicJwk }, payloadPart(), es256Signer(attacker.privateKey)),
        INVALID_GRANT_216,
      ],
      [
        'jku pointing at a local listener, real kid',
        () => forgeJws(credentialHeader({ jku: `${listener.url}/jwks.json` }), payloadPart(), es256Signer(attacker.privateKey)),
        INVALID_GRANT_216,
      ],
      [
        'jku pointing at a local listener, a kid only it would know',
        () => forgeJws(credentialHeader({ jku: `${listener.url}/jwks.json`, kid: 'attacker-1' }), payloadPart(), es256Signer(attacker.privateKey)),
        INVALID_GRANT_216,
      ],
      [
        'x5u pointing at a local listener',
        () => forgeJws(credentialHeader({ x5u: `${listener.url}/cert.pem` }), payloadPart(), es256Signer(attacker.privateKey)),
        INVALID_GRANT_216,
      ],
      [
        'x5c carrying the attacker’s key',
        () =>
          forgeJws(
            credentialHeader({ x5c: [attacker.publicKey.export({ type: 'spki', format: 'der' }).toString('base64')] }),
            payloadPart(),
            es256Signer(attacker.privateKey),
          ),
        INVALID_GRANT_216,
      ],
      [
        'kid "../../keys.json"',
        () => forgeJws(credentialHeader({ kid: '../../keys.json' }), payloadPart(), es256Signer(attacker.privateKey)),
        INVALID_GRANT_216,
      ],
      [
        'kid "\' OR 1=1 --"',
        () => forgeJws(credentialHeader({ kid: "' OR 1=1 --" }), payloadPart(), es256Signer(attacker.privateKey)),
        INVALID_GRANT_216,
      ],
      [
        'kid with a NUL after the real kid',
        () => forgeJws(credentialHeader({ kid: `${credentialKid}\u0000` }), payloadPart(), es256Signer(attacker.privateKey)),
        INVALID_GRANT_216,
      ],
      [
        'kid as an object',
        () => forgeJws(credentialHeader({ kid: { $ne: null } }), payloadPart(), es256Signer(attacker.privateKey)),
        INVALID_GRANT_216,
      ],
      [
        'kid of 8 KB (over the 4096-character token limit, under the body limit)',
        () => forgeJws(credentialHeader({ kid: 'k'.repeat(8 * 1024) }), payloadPart(), () => signaturePart()),
        INVALID_GRANT_216,
      ],
      [
        'kid of 64 KB (over the 16 KB form body limit)',
        () => forgeJws(credentialHeader({ kid: 'k'.repeat(64 * 1024) }), payloadPart(), () => signaturePart()),
        TOO_LARGE,
      ],
      ['crit header', () => forgeJws(credentialHeader({ crit: ['exp'] }), payloadPart(), realKeySigner()), INVALID_GRANT_216],
      [
        'a flipped signature character',
        () => {
          const s = signaturePart();
          return `${credential.jwt.slice(0, credential.jwt.lastIndexOf('.'))}.${s.slice(0, 10)}${s[10] === 'A' ? 'B' : 'A'}${s.slice(11)}`;
        },
        INVALID_GRANT_216,
      ],
      ['an empty signature', () => credential.jwt.slice(0, credential.jwt.lastIndexOf('.') + 1), INVALID_GRANT_216],
      ['a truncated signature', () => credential.jwt.slice(0, -20), INVALID_GRANT_216],
      [
        'another credential’s signature',
        () => `${credential.jwt.slice(0, credential.jwt.lastIndexOf('.'))}.${decodeJws(sandboxCredential.jwt).parts[2]}`,
        INVALID_GRANT_216,
      ],
      [
        'JWS JSON serialization (general)',
        () => {
          const [protectedHeader, payload, signature] = decodeJws(credential.jwt).parts;
          return JSON.stringify({ payload, signatures: [{ protected: protectedHeader, signature }] });
        },
        INVALID_GRANT_216,
      ],
      [
        'JWS JSON serialization (flattened)',
        () => {
          const [protectedHeader, payload, signature] = decodeJws(credential.jwt).parts;
          return JSON.stringify({ payload, protected: protectedHeader, signature });
        },
        INVALID_GRANT_216,
      ],
      [
        'JWE (five parts) with p2c = 2^31-1',
        () =>
          `${b64url({ alg: 'PBES2-HS512+A256KW', enc: 'A256GCM', p2c: 2 ** 31 - 1, p2s: 'AAAAAAAAAAA', kid: credentialKid })}.AAAA.AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA`,
        INVALID_GRANT_216,
      ],
      ['an array payload signed with the real key', () => forgeJws(credentialHeader(), [claims()], realKeySigner()), INVALID_GRANT_216],
      ['a string payload signed with the real key', () => forgeJws(credentialHeader(), JSON.stringify(claims()), realKeySigner()), INVALID_GRANT_216],
      [
        'a payload that is not JSON, signed with the real key',
        () => forgeJws(credentialHeader(), b64url('{"jti":'), realKeySigner()),
        INVALID_GRANT_216,
      ],
      ['a header that is an array', () => `${b64url([credentialHeader()])}.${payloadPart()}.${signaturePart()}`, INVALID_GRANT_216],
      [
        'claims of the wrong types (jti object, exp string), signed with the real key',
        () => forgeJws(credentialHeader(), { ...claims(), jti: { id: credential.id }, exp: '4102444800' }, realKeySigner()),
        INVALID_GRANT_216,
      ],
      ['a valid sandbox credential at the production endpoint', () => sandboxCredential.jwt, [400, 'invalid_grant', 'OAU-214']],
      ['an access token presented as an assertion', () => tokens.access_token, INVALID_GRANT_216],
      ['a refresh token presented as an assertion', () => tokens.refresh_token, INVALID_GRANT_216],
      ['the client secret presented as an assertion', () => prod.clientSecret, INVALID_GRANT_216],
    ])('%s', async (_name, build, expected) => {
      const res = keep('forged assertion', await exchange(t, 'production', prod, build()));
      expectOAuth(res, expected);
    });

    it('a valid production credential at the sandbox endpoint: 400 invalid_grant OAU-214', async () => {
      expectOAuth(keep('other environment', await exchange(t, 'sandbox', sbx, credential.jwt)), [400, 'invalid_grant', 'OAU-214']);
    });

    it('never fetched a key: the jku/x5u listener saw zero connections, and the real credential still works', async () => {
      expect(listener.connections()).toBe(0);
      await exchange(t, 'production', prod, credential.jwt).expect(200);
    });
  });

  describe('token endpoint: client authentication', () => {
    const basicOf = (raw: string | Buffer) => `Basic ${Buffer.from(raw).toString('base64')}`;

    it('answers a wrong secret, an unknown client and a client of the other environment with byte-identical bodies and headers', async () => {
      const form = tokenForm(credential.jwt);
      const variants = [
        { clientId: prod.clientId, clientSecret: 'wrong-secret' },
        { clientId: `prd_${randomUUID().replace(/-/g, '')}`, clientSecret: 'wrong-secret' },
        { clientId: sbx.clientId, clientSecret: sbx.clientSecret },
      ];
      const viaHeader = await Promise.all(variants.map((c) => tokenRequest(form, { authorization: basic(c) })));
      for (const answer of viaHeader) expectOAuth(answer, INVALID_CLIENT);
      expect(new Set(viaHeader.map((a) => a.text)).size).toBe(1);
      expect(new Set(viaHeader.map((a) => a.headers['www-authenticate'])).size).toBe(1);
      expect(viaHeader[0].headers['www-authenticate']).toMatch(/^Basic realm=/);
      const posted = await Promise.all(
        variants.map((c) =>
          inject({
            method: 'POST',
            url: '/restapi/oauth/token',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            payload: `${form}&client_id=${encodeURIComponent(c.clientId)}&client_secret=${encodeURIComponent(c.clientSecret)}`,
          }),
        ),
      );
      for (const answer of posted) expectOAuth(answer, INVALID_CLIENT);
      expect(new Set(posted.map((a) => a.text))).toEqual(new Set([viaHeader[0].text]));
    });

    it.each<[string, () => Record<string, string>, string]>([
      ['no client authentication at all', () => ({}), ''],
      ['client_id in the body without a secret (a public client)', () => ({}), 'client_id'],
    ])('401 invalid_client OAU-153: %s', async (_name, headers, extra) => {
      const body = tokenForm(credential.jwt) + (extra ? `&client_id=${prod.clientId}` : '');
      const res = await inject({
        method: 'POST',
        url: '/restapi/oauth/token',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers() },
        payload: body,
      });
      expectOAuth(res, INVALID_CLIENT);
      expect(res.headers['www-authenticate']).toBeUndefined();
    });

    it.each<[string, () => string]>([
      ['Basic that is not base64', () => 'Basic !!!!not-base64!!!!'],
      ['Basic without a colon', () => basicOf(`${prod.clientId}${prod.clientSecret}`)],
      ['Basic with an empty client id', () => basicOf(`:${prod.clientSecret}`)],
      ['Basic with both parts empty', () => basicOf(':')],
      ['Basic with no credentials', () => 'Basic'],
      ['Basic with two tokens', () => `${basic(prod)} ${basic(prod).slice(6)}`],
      ['Basic with malformed percent-encoding', () => basicOf(`${prod.clientId}:%zz${prod.clientSecret}`)],
      ['Basic with a percent-encoded byte that is not UTF-8', () => basicOf(`${prod.clientId}:%FF`)],
      [
        'Basic whose bytes are not UTF-8',
        () => `Basic ${Buffer.concat([Buffer.from(`${prod.clientId}:`), Buffer.from([0xff, 0xfe])]).toString('base64')}`,
      ],
      ['the Bearer scheme with an access token', () => `Bearer ${tokens.access_token}`],
      ['an 8 KB Basic value', () => `Basic ${'QUFB'.repeat(2048)}`],
    ])('401 invalid_client OAU-153 with WWW-Authenticate: %s', async (_name, authorization) => {
      const res = await tokenRequest(tokenForm(credential.jwt), { authorization: authorization() });
      expectOAuth(res, INVALID_CLIENT);
      expect(res.headers['www-authenticate']).toMatch(/^Basic realm=/);
    });

    it('400 invalid_request OAU-101: Basic and client_secret in the body at once', async () => {
      const res = await tokenRequest(`${tokenForm(credential.jwt)}&client_id=${prod.clientId}&client_secret=${prod.clientSecret}`);
      expectOAuth(res, INVALID_REQUEST);
    });

    it('400 invalid_request OAU-101: Basic for one client and client_id of another in the body', async () => {
      const res = await tokenRequest(`${tokenForm(credential.jwt)}&client_id=${sbx.clientId}`);
      expectOAuth(res, INVALID_REQUEST);
    });

    it('200: every character of the real id and secret percent-encoded in Basic (RFC 6749 §2.3.1)', async () => {
      const res = await tokenRequest(tokenForm(credential.jwt), {
        authorization: basicOf(`${percentEncodeAll(prod.clientId)}:${percentEncodeAll(prod.clientSecret)}`),
      });
      expect(res.status).toBe(200);
      expect(res.body.token_type).toBe('bearer');
    });

    it('200: every character of the real id and secret percent-encoded in the body (client_secret_post)', async () => {
      const res = await inject({
        method: 'POST',
        url: '/restapi/oauth/token',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `${tokenForm(credential.jwt)}&client_id=${percentEncodeAll(prod.clientId)}&client_secret=${percentEncodeAll(prod.clientSecret)}`,
      });
      expect(res.status).toBe(200);
    });

    it('200: the scheme in lower case ("basic")', async () => {
      const res = await tokenRequest(tokenForm(credential.jwt), { authorization: basic(prod).replace(/^Basic/, 'basic') });
      expect(res.status).toBe(200);
    });
  });

  describe('Basic decoder: ids and secrets with ":", "+" and "%" (unit)', () => {
    const header = (raw: string) => `Basic ${Buffer.from(raw, 'utf8').toString('base64')}`;
    const encoded = (id: string, secret: string) =>
      header(`${encodeURIComponent(id).replace(/%20/g, '+')}:${encodeURIComponent(secret).replace(/%20/g, '+')}`);

    it.each([
      ['a colon in the id', 'app:1', 'secret'],
      ['a plus in the id', 'app+1', 'secret'],
      ['a percent sign in the id', '100%app', 'secret'],
      ['all three in the id and the secret', 'a:b+c%d', 's:e+c%r'],
      ['a secret that looks percent-encoded', 'app', '%41%42'],
      ['a secret that is only a colon', 'app', ':'],
    ])('round-trips %s when both parts are form-encoded', (_name, clientId, clientSecret) => {
      expect(parseBasicAuthorization(encoded(clientId, clientSecret))).toEqual({ clientId, clientSecret });
    });

    it('form-decodes parts sent unencoded: a literal "+" is a space, "%41" is "A"', () => {
      expect(parseBasicAuthorization(header('app+1:s+t'))).toEqual({ clientId: 'app 1', clientSecret: 's t' });
      expect(parseBasicAuthorization(header('app:%41'))).toEqual({ clientId: 'app', clientSecret: 'A' });
    });

    it('refuses a literal "%" that is not an escape, in the id or in the secret', () => {
      expect(parseBasicAuthorization(header('100%:secret'))).toBeNull();
      expect(parseBasicAuthorization(header('app:50%off'))).toBeNull();
    });

    it('splits at the first colon: an unencoded colon belongs to the secret, an encoded one to the id', () => {
      expect(parseBasicAuthorization(header('app:se:cret'))).toEqual({ clientId: 'app', clientSecret: 'se:cret' });
      expect(parseBasicAuthorization(header('app%3A1:secret'))).toEqual({ clientId: 'app:1', clientSecret: 'secret' });
    });
  });

  describe('token endpoint: parameters and bodies', () => {
    it.each<[string, () => string, Expected]>([
      ['a repeated assertion', () => `${tokenForm(credential.jwt)}&assertion=${credential.jwt}`, INVALID_REQUEST],
      ['a repeated grant_type', () => `${tokenForm(credential.jwt)}&grant_type=refresh_token`, INVALID_REQUEST],
      ['a repeat spelled with percent-encoding (%61ssertion)', () => `${tokenForm(credential.jwt)}&%61ssertion=x`, INVALID_REQUEST],
      ['assertion[]=', () => `grant_type=${encodeURIComponent(JWT_BEARER)}&assertion[]=${credential.jwt}`, INVALID_REQUEST],
      ['a[b]=1', () => `${tokenForm(credential.jwt)}&a[b]=1`, INVALID_REQUEST],
      ['a%5Bb%5D=1 (encoded brackets)', () => `${tokenForm(credential.jwt)}&a%5Bb%5D=1`, INVALID_REQUEST],
      ['constructor[prototype][x]=1', () => `${tokenForm(credential.jwt)}&constructor[prototype][x]=1`, INVALID_REQUEST],
      ['__proto__[polluted]=1', () => `${tokenForm(credential.jwt)}&__proto__[polluted]=1`, INVALID_REQUEST],
      ['a parameter without a name', () => `${tokenForm(credential.jwt)}&=1`, INVALID_REQUEST],
      ['%FF in a value (not UTF-8)', () => `${tokenForm(credential.jwt)}&scope=%FF`, INVALID_REQUEST],
      ['%C3%28 in a value (a broken UTF-8 sequence)', () => `${tokenForm(credential.jwt)}&x=%C3%28`, INVALID_REQUEST],
      ['malformed percent-encoding (%zz)', () => `${tokenForm(credential.jwt)}&x=%zz`, INVALID_REQUEST],
      ['33 parameters', () => `${tokenForm(credential.jwt)}&${Array.from({ length: 31 }, (_, i) => `p${i}=1`).join('&')}`, INVALID_REQUEST],
      ['no grant_type', () => `assertion=${credential.jwt}`, INVALID_REQUEST],
      ['an empty assertion', () => tokenForm(''), INVALID_REQUEST],
      ['endpoint_id "../../etc/passwd"', () => tokenForm(credential.jwt, { endpoint_id: '../../etc/passwd' }), INVALID_REQUEST],
      ['a 200-character endpoint_id', () => tokenForm(credential.jwt, { endpoint_id: 'e'.repeat(200) }), INVALID_REQUEST],
      ['the password grant', () => 'grant_type=password&username=admin&password=admin', [400, 'unsupported_grant_type', 'OAU-250']],
      [
        'the jwt-bearer grant type in another case',
        () => `grant_type=${encodeURIComponent(JWT_BEARER.toUpperCase())}&assertion=${credential.jwt}`,
        [400, 'unsupported_grant_type', 'OAU-250'],
      ],
      ['a scope the app was not granted', () => tokenForm(credential.jwt, { scope: 'EditExtensions' }), [400, 'invalid_scope', 'OAU-252']],
      ['a scope outside the catalog', () => tokenForm(credential.jwt, { scope: 'ReadAccounts Admin' }), [400, 'invalid_scope', 'OAU-252']],
      ['a scope with a NUL inside', () => `${tokenForm(credential.jwt)}&scope=Read%00Accounts`, [400, 'invalid_scope', 'OAU-252']],
    ])('%s', async (_name, body, expected) => {
      expectOAuth(await tokenRequest(body()), expected);
    });

    it.each<[string, string, string]>([
      ['JSON', 'application/json', JSON.stringify({ grant_type: JWT_BEARER })],
      ['text/plain', 'text/plain', 'grant_type=x'],
      ['multipart/form-data', 'multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="grant_type"\r\n\r\nx\r\n--x--'],
      ['a form in ISO-8859-1', 'application/x-www-form-urlencoded; charset=iso-8859-1', 'grant_type=x'],
      ['a look-alike media type', 'application/x-www-form-urlencoded-evil', 'grant_type=x'],
    ])('400 invalid_request OAU-101: a %s body', async (_name, contentType, body) => {
      expectOAuth(await tokenRequest(body, { 'content-type': contentType }), INVALID_REQUEST);
    });

    it('400 invalid_request OAU-101: raw bytes that are not UTF-8', async () => {
      const body = Buffer.concat([Buffer.from(`${tokenForm(credential.jwt)}&x=`), Buffer.from([0xff, 0xfe, 0xc3, 0x28])]);
      expectOAuth(await tokenRequest(body), INVALID_REQUEST);
    });

    it('400 invalid_request OAU-101: no Content-Type at all', async () => {
      const res = await inject({
        method: 'POST',
        url: '/restapi/oauth/token',
        headers: { authorization: basic(prod) },
        payload: tokenForm(credential.jwt),
      });
      expectOAuth(res, INVALID_REQUEST);
    });

    it.each(['GET', 'PUT', 'DELETE'])('405 invalid_request OAU-101 with Allow: POST: %s', async (method) => {
      const res = await inject({ method, url: '/restapi/oauth/token', headers: { authorization: basic(prod) } });
      expectOAuth(res, [405, 'invalid_request', 'OAU-101']);
      expect(res.headers.allow).toBe('POST');
    });

    it('413 invalid_request OAU-101: a 3 MB body over a real connection', async () => {
      const res = keep(
        '3 MB',
        await request(t.server)
          .post('/restapi/oauth/token')
          .set('authorization', basic(prod))
          .type('form')
          .send(`${tokenForm(credential.jwt)}&x=${'a'.repeat(3 * 1024 * 1024)}`),
      );
      expectOAuth(res, TOO_LARGE);
    });

    it('200: names like __proto__, constructor and toString are plain, ignored parameters', async () => {
      const res = await tokenRequest(`${tokenForm(credential.jwt)}&__proto__=polluted&constructor=x&toString=y&hasOwnProperty=z`);
      expect(res.status).toBe(200);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('200: absurd TTLs are clamped, never an error', async () => {
      const res = await tokenRequest(tokenForm(credential.jwt, { access_token_ttl: '1e309', refresh_token_ttl: '-5' }));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ expires_in: 3600, refresh_token_expires_in: 604800 });
    });
  });

  describe('revoke and introspect', () => {
    const accessPayload = () => decodeJws(tokens.access_token).parts[1];
    const accessHeader = (extra: Record<string, unknown> = {}) => ({ ...decodeJws(tokens.access_token).header, ...extra });
    /** Tokens that must be {active: false} and revoke nothing: several carry the real session's claims. */
    const forgedTokens: [string, () => string][] = [
      ['garbage', () => 'garbage'],
      ['a 10 KB token', () => 'a'.repeat(10 * 1024)],
      [
        'an alg "none" copy of the live access token',
        () => forgeJws(accessHeader({ alg: 'none' }), accessPayload(), () => decodeJws(tokens.access_token).parts[2]),
      ],
      [
        'an HS256 copy keyed with the published JWKS key (PEM)',
        () => forgeJws(accessHeader({ alg: 'HS256' }), accessPayload(), hmacSigner('sha256', publishedPem)),
      ],
      ['a copy signed with the attacker’s key and the real kid', () => forgeJws(accessHeader(), accessPayload(), es256Signer(attacker.privateKey))],
      ['the credential JWT', () => credential.jwt],
      ['the sandbox access token', () => sandboxTokens.access_token],
      [
        'the refresh token with a changed MAC',
        () => `${tokens.refresh_token.slice(0, -4)}${tokens.refresh_token.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`,
      ],
      ['a refresh-token prefix and nothing else', () => 'lkr1.'],
    ];

    it.each(['revoke', 'introspect'] as const)('401 invalid_client OAU-153: %s without client authentication', async (endpoint) => {
      expectOAuth(keep(endpoint, await authPost(t, 'production', endpoint, null, { token: tokens.access_token })), INVALID_CLIENT);
    });

    it.each(['revoke', 'introspect'] as const)('400 invalid_request OAU-101: %s without a token', async (endpoint) => {
      expectOAuth(keep(endpoint, await authPost(t, 'production', endpoint, prod, {})), INVALID_REQUEST);
    });

    it.each(['revoke', 'introspect'] as const)('413 invalid_request OAU-101: %s with a 20 KB token', async (endpoint) => {
      expectOAuth(keep(endpoint, await authPost(t, 'production', endpoint, prod, { token: 'a'.repeat(20 * 1024) })), TOO_LARGE);
    });

    it.each(forgedTokens)('introspect answers {active: false} and nothing else: %s', async (_name, token) => {
      const res = keep('introspect', await authPost(t, 'production', 'introspect', prod, { token: token() }));
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ active: false });
    });

    it.each(forgedTokens)('revoke answers 200 with an empty body: %s', async (_name, token) => {
      const res = keep('revoke', await authPost(t, 'production', 'revoke', prod, { token: token() }));
      expect(res.status).toBe(200);
      expect(res.text).toBe('');
    });

    it('the forged tokens revoked nothing: the real session is still live', async () => {
      const res = await authPost(t, 'production', 'introspect', prod, { token: tokens.access_token }).expect(200);
      expect(res.body).toMatchObject({ active: true, client_id: prod.clientId });
    });
  });

  describe('Platform API', () => {
    const accessHeader = (extra: Record<string, unknown> = {}) => ({ ...decodeJws(tokens.access_token).header, ...extra });
    const accessPayload = () => decodeJws(tokens.access_token).parts[1];
    const account = (authorization: string | undefined, environment: 'production' | 'sandbox' = 'production') => {
      const req = request(t.server).get(`${PREFIX[environment]}/restapi/v1.0/account/~`);
      return authorization === undefined ? req : req.set('authorization', authorization);
    };

    it.each<[string, () => string | undefined]>([
      ['no Authorization header', () => undefined],
      ['"Bearer" and no token', () => 'Bearer '],
      ['a garbage bearer token', () => 'Bearer garbage'],
      ['alg "none" with the live token’s claims', () => `Bearer ${forgeJws(accessHeader({ alg: 'none' }), accessPayload())}`],
      [
        'alg "NONE" with the live token’s claims and signature',
        () => `Bearer ${forgeJws(accessHeader({ alg: 'NONE' }), accessPayload(), () => decodeJws(tokens.access_token).parts[2])}`,
      ],
      [
        'HS256 keyed with the published JWKS key (PEM), real kid',
        () => `Bearer ${forgeJws(accessHeader({ alg: 'HS256' }), accessPayload(), hmacSigner('sha256', publishedPem))}`,
      ],
      [
        'HS256 keyed with the published JWK JSON bytes, real kid',
        () => `Bearer ${forgeJws(accessHeader({ alg: 'HS256' }), accessPayload(), hmacSigner('sha256', JSON.stringify(publishedJwk)))}`,
      ],
      ['the attacker’s ES256 key with the real kid', () => `Bearer ${forgeJws(accessHeader(), accessPayload(), es256Signer(attacker.privateKey))}`],
      [
        'an embedded jwk header',
        () => `Bearer ${forgeJws(accessHeader({ jwk: attacker.publicJwk }), accessPayload(), es256Signer(attacker.privateKey))}`,
      ],
      ['a credential JWT as the bearer token', () => `Bearer ${credential.jwt}`],
      ['a refresh token as the bearer token', () => `Bearer ${tokens.refresh_token}`],
      ['a sandbox access token in production', () => `Bearer ${sandboxTokens.access_token}`],
      ['the access token under the Basic scheme', () => `Basic ${tokens.access_token}`],
      ['the access token without a scheme', () => tokens.access_token],
      ['a 7 KB bearer token', () => `Bearer ${'a'.repeat(7 * 1024)}`],
    ])('401 TokenInvalid OAU-149: %s', async (_name, authorization) => {
      expectTokenInvalid(keep('platform', await account(authorization())));
    });

    it('401 TokenInvalid OAU-149: a production access token in the sandbox', async () => {
      expectTokenInvalid(keep('platform', await account(`Bearer ${tokens.access_token}`, 'sandbox')));
    });

    it.each(['bearer', 'BEARER', 'BeArEr'])('200: the scheme in any case (%s)', async (scheme) => {
      const res = keep('platform', await account(`${scheme} ${tokens.access_token}`));
      expect(res.status).toBe(200);
      expect(res.body.environment).toBe('production');
    });
  });

  describe('console API', () => {
    const C = CREDENTIALS;

    describe('ids in paths', () => {
      it.each<[string, () => string, number, string]>([
        ['an encoded path traversal (..%2F..)', () => `${C}/..%2F..%2F..%2Fetc%2Fpasswd`, 404, 'CREDENTIAL_NOT_FOUND'],
        ['an encoded traversal to the history of another id', () => `${C}/..%2F${credential.id}/history`, 404, 'CREDENTIAL_NOT_FOUND'],
        ['a NUL in the id', () => `${C}/${credential.id}%00`, 404, 'CREDENTIAL_NOT_FOUND'],
        ['an SQL fragment as the id', () => `${C}/${encodeURIComponent("' OR 1=1 --")}`, 404, 'CREDENTIAL_NOT_FOUND'],
        ['a 1 KB id', () => `${C}/${'a'.repeat(1000)}`, 404, 'CREDENTIAL_NOT_FOUND'],
        ['a 5 KB id', () => `${C}/${'a'.repeat(5 * 1024)}`, 404, 'NOT_FOUND'],
        ['a 5 KB member id', () => `/console/v1/organization/members/${'a'.repeat(5 * 1024)}/credentials`, 404, 'NOT_FOUND'],
        ['an id that is not UTF-8 (%FF)', () => `${C}/%FF`, 400, 'BAD_URL'],
        ['a lone "%" in the path', () => `${C}/%`, 400, 'BAD_URL'],
      ])('GET with %s', async (_name, path, status, code) => {
        const res = await inject({ method: 'GET', url: path(), headers: { authorization: `Bearer ${admin.token}` } });
        expectProblem(res, status, code);
        expect(res.text.length).toBeLessThan(600);
      });

      it('PATCH with a 5 KB id: 414 URI_TOO_LONG', async () => {
        const res = await inject({
          method: 'PATCH',
          url: `${C}/${'a'.repeat(5 * 1024)}`,
          headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
          payload: '{"label":"x"}',
        });
        expectProblem(res, 414, 'URI_TOO_LONG');
      });

      it('a raw ../ traversal out of the API is a 404 that does not echo the path', async () => {
        const res = await inject({ method: 'GET', url: `${C}/../../../etc/passwd`, headers: { authorization: `Bearer ${admin.token}` } });
        expectProblem(res, 404, 'NOT_FOUND');
        expect(res.text).not.toContain('passwd');
      });

      it('an unknown route does not echo its URL', async () => {
        const res = await inject({
          method: 'GET',
          url: `/console/v1/${encodeURIComponent('<script>alert(1)</script>')}`,
          headers: { authorization: `Bearer ${admin.token}` },
        });
        expectProblem(res, 404, 'NOT_FOUND');
        expect(res.text).not.toMatch(/script/i);
      });

      it('an invitation token with a traversal: 404 INVITATION_NOT_FOUND', async () => {
        const res = await inject({
          method: 'POST',
          url: '/console/v1/invitations/..%2F..%2Forganization%2Finvitations/accept',
          headers: { 'content-type': 'application/json' },
          payload: JSON.stringify({ name: 'Mallory', password: PASSWORD }),
        });
        expectProblem(res, 404, 'INVITATION_NOT_FOUND');
      });
    });

    describe('labels', () => {
      it.each([
        ['HTML and script', '<script>alert(document.cookie)</script><img src=x onerror=alert(1)>'],
        ['a right-to-left override', 'invoice\u202Egnp.exe'],
        ['emoji with joiners', '🔑 deploy 👩‍💻 🏳️‍🌈'],
        ['SQL', "'; DROP TABLE events; --"],
        ['template syntax', '{{7*7}} ${7*7} <%= 7*7 %>'],
        ['zero-width characters', 'ad\u200Bmin\u200D\uFEFF'],
      ])('stores and returns %s literally', async (_name, label) => {
        const created = await consoleApi.post(C, credentialBody({ label }));
        expect(created.status).toBe(201);
        expect(created.body.credential.label).toBe(label);
        const got = await consoleApi.get(`${C}/${created.body.credential.id}`);
        expect(got.status).toBe(200);
        expect(got.body.label).toBe(label);
        expect(got.text).toContain(JSON.stringify(label));
      });

      it('a hostile label set by PATCH comes back literally too', async () => {
        const label = '</title><script>x</script>\u202E';
        const res = await consoleApi.patch(`${C}/${credential.id}`, { label });
        expect(res.status).toBe(200);
        expect(res.body.label).toBe(label);
        const list = await consoleApi.get(C);
        expect(list.body.items.find((c: { id: string }) => c.id === credential.id).label).toBe(label);
      });

      it.each([
        ['NUL', 'a\u0000b'],
        ['a line feed', 'a\nb'],
        ['a carriage return', 'a\rb'],
        ['a tab', 'a\tb'],
        ['BEL', 'a\u0007b'],
        ['an ANSI escape sequence', 'a\u001b[31mred'],
        ['DEL', 'a\u007fb'],
        ['a C1 control (NEL)', 'a\u0085b'],
      ])('refuses %s in a label: 400 VALIDATION_FAILED on label', async (_name, label) => {
        const res = await consoleApi.post(C, credentialBody({ label }));
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect(res.body.errors).toEqual([{ field: 'label', message: expect.stringContaining('control characters') }]);
      });

      it('refuses a lone surrogate in a label: 400 VALIDATION_FAILED on label', async () => {
        const res = await consoleApi.postText(C, JSON.stringify(credentialBody({ label: 'x' })).replace('"label":"x"', '"label":"a\\ud800b"'));
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect(res.body.errors).toEqual([{ field: 'label', message: expect.any(String) }]);
      });

      it('refuses a NUL in a label by PATCH', async () => {
        const res = await consoleApi.patch(`${C}/${credential.id}`, { label: 'x\u0000' });
        expectProblem(res, 400, 'VALIDATION_FAILED');
      });
    });

    describe('body shape', () => {
      const valid = () => credentialBody({ label: 'shape' });

      it.each<[string, () => string, string]>([
        ['__proto__ at the top level', () => JSON.stringify(valid()).replace(/^\{/, '{"__proto__":{"polluted":true},'), C],
        [
          '__proto__ nested in allowedApps',
          () => JSON.stringify(valid()).replace('{"type":"organization"}', '{"type":"organization","__proto__":{"polluted":true}}'),
          C,
        ],
        ['constructor.prototype', () => JSON.stringify(valid()).replace(/^\{/, '{"constructor":{"prototype":{"polluted":true}},'), C],
        [
          '__proto__ in a signup',
          () =>
            `{"__proto__":{"isAdmin":true},${JSON.stringify({ email: 'proto@example.test', password: PASSWORD, name: 'P', organizationName: 'P' }).slice(1)}`,
          '/console/v1/signup',
        ],
      ])('400 BAD_REQUEST: %s', async (_name, text, path) => {
        expectProblem(await consoleApi.postText(path, text()), 400, 'BAD_REQUEST');
      });

      it.each<[string, Record<string, unknown>]>([
        ['ownerId', { ownerId: randomUUID() }],
        ['status', { status: 'active' }],
        ['id', { id: randomUUID() }],
        ['revision', { revision: 99 }],
        ['createdAt', { createdAt: '2000-01-01T00:00:00Z' }],
        ['ownerEmail', { ownerEmail: 'someone@example.test' }],
      ])('400 VALIDATION_FAILED: mass assignment of %s on creation', async (field, extra) => {
        const res = await consoleApi.post(C, { ...valid(), ...extra });
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect(res.body.errors).toEqual([{ field, message: `${field} is not a known field` }]);
      });

      it.each<[string, Record<string, unknown>]>([
        ['status', { status: 'active' }],
        ['ownerId', { ownerId: randomUUID() }],
        ['environment', { environment: 'sandbox' }],
        ['revision', { revision: 0 }],
      ])('400 VALIDATION_FAILED: mass assignment of %s by PATCH', async (field, body) => {
        const res = await consoleApi.patch(`${C}/${credential.id}`, body);
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect(res.body.errors).toEqual([{ field, message: `${field} is not a known field` }]);
      });

      it.each<[string, Record<string, unknown>]>([
        ['role', { role: 'developer_admin' }],
        ['organizationId', { organizationId: randomUUID() }],
        ['permissions', { permissions: ['EditAccounts'] }],
      ])('400 VALIDATION_FAILED: mass assignment of %s on signup', async (field, extra) => {
        const res = keep(
          'signup',
          await request(t.server)
            .post('/console/v1/signup')
            .send({ email: `mass-${randomUUID().slice(0, 6)}@example.test`, password: PASSWORD, name: 'M', organizationName: 'M', ...extra }),
        );
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect(res.body.errors).toEqual([{ field, message: `${field} is not a known field` }]);
      });

      it.each<[string, () => string]>([
        ['20,000-deep arrays', () => `${'['.repeat(20_000)}${']'.repeat(20_000)}`],
        ['10,000-deep objects (as deep as fits in the 64 KB body limit)', () => `${'{"":'.repeat(10_000)}1${'}'.repeat(10_000)}`],
        ['20,000-deep arrays inside a label field', () => `{"label":${'['.repeat(20_000)}${']'.repeat(20_000)}}`],
      ])('400 BAD_REQUEST: %s', async (_name, text) => {
        const res = await consoleApi.postText(C, text());
        expectProblem(res, 400, 'BAD_REQUEST');
        expect(res.body.detail).toMatch(/nested deeper/);
      });

      it('400 BAD_REQUEST: 20,000-deep JSON before authentication (signup)', async () => {
        expectProblem(
          await consoleApi.postText('/console/v1/signup', `${'['.repeat(20_000)}${']'.repeat(20_000)}`, 'application/json', null),
          400,
          'BAD_REQUEST',
        );
      });

      it.each<[string, string, string]>([
        ['text/plain', 'text/plain', JSON.stringify(credentialBody())],
        ['XML', 'application/xml', '<credential><label>x</label></credential>'],
        ['a form', 'application/x-www-form-urlencoded', 'label=x&environment=production'],
        ['multipart', 'multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="label"\r\n\r\nx\r\n--x--'],
      ])('415 UNSUPPORTED_MEDIA_TYPE: a %s body', async (_name, contentType, body) => {
        expectProblem(await consoleApi.postText(C, body, contentType), 415, 'UNSUPPORTED_MEDIA_TYPE');
      });

      it('413 PAYLOAD_TOO_LARGE: a 3 MB JSON body', async () => {
        const res = keep(
          '3 MB console',
          await request(t.server)
            .post(C)
            .set(bearer(admin.token))
            .set('content-type', 'application/json')
            .send(JSON.stringify({ label: 'x'.repeat(3 * 1024 * 1024) })),
        );
        expectProblem(res, 413, 'PAYLOAD_TOO_LARGE');
      });

      it('400 BAD_REQUEST: bytes that are not UTF-8 in a JSON body (with Content-Length)', async () => {
        const text = Buffer.concat([
          Buffer.from('{"label":"a'),
          Buffer.from([0xff]),
          Buffer.from('b","environment":"production","expiresAt":null,"allowedApps":{"type":"organization"}}'),
        ]);
        const res = await consoleApi.postText(C, text);
        expectProblem(res, 400, 'BAD_REQUEST');
        expect(res.body.detail).toBe('The JSON body is not valid UTF-8');
      });

      it('400 BAD_REQUEST: a truncated UTF-8 sequence in a chunked JSON body is refused, not stored as U+FFFD', async () => {
        const before = await consoleApi.get(`${C}?limit=500`);
        const res = await rawHttp(C, { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' }, [
          Buffer.from('{"label":"a'),
          Buffer.from([0xf0, 0x9f, 0x98]),
          Buffer.from('b","environment":"production","expiresAt":null,"allowedApps":{"type":"organization"}}'),
        ]);
        expectProblem(res, 400, 'BAD_REQUEST');
        const after = await consoleApi.get(`${C}?limit=500`);
        expect(after.body.items).toHaveLength(before.body.items.length);
      });

      it('400 VALIDATION_FAILED: JSON that is not an object (an array)', async () => {
        expectProblem(await consoleApi.postText(C, '[{"label":"x"}]'), 400, 'VALIDATION_FAILED');
      });
    });

    describe('signup and e-mail addresses', () => {
      const attempt = async (email: string, password = PASSWORD) =>
        keep(
          'signup',
          await request(t.server).post('/console/v1/signup').send({ email, password, name: 'Look Alike', organizationName: 'Look-alike Ltd' }),
        );
      const fullWidth = (s: string) => [...s].map((c) => (/[!-~]/.test(c) && c !== '@' ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join('');

      it.each<[string, () => string]>([
        ['too short', () => 'Sh0rt!'],
        ['one kind of character', () => 'onlylowercaseletters'],
        ['too few different characters', () => 'aaaaaaAAAAAA'],
        ['the e-mail address itself', () => 'weak.pw@example.test'],
        ['over 256 characters', () => 'Aa1!'.repeat(100)],
        ['empty', () => ''],
      ])('400 VALIDATION_FAILED on password: %s', async (_name, password) => {
        const res = await attempt('weak.pw@example.test', password());
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect(res.body.errors).toEqual([{ field: 'password', message: expect.any(String) }]);
      });

      it.each<[string, () => string]>([
        ['the full-width variant', () => fullWidth(admin.email)],
        ['upper case', () => admin.email.toUpperCase()],
        ['surrounding whitespace', () => `  ${admin.email}\t`],
        [
          'mixed case with a full-width @ domain part',
          () => admin.email.replace(/^(\w)/, (c) => c.toUpperCase()).replace('example', fullWidth('EXAMPLE')),
        ],
      ])('409 EMAIL_TAKEN: %s of an existing address', async (_name, email) => {
        expectProblem(await attempt(email()), 409, 'EMAIL_TAKEN');
      });

      it.each<[string, string]>([
        ['a Cyrillic "а" among Latin letters', 'p\u0430ypal-admin@example.test'],
        ['a Greek "ο" among Latin letters', 'g\u03BFogle-admin@example.test'],
        ['a Cyrillic letter in the domain', 'admin@ex\u0430mple.test'],
      ])('400 VALIDATION_FAILED on email: %s', async (_name, email) => {
        const res = await attempt(email);
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect(res.body.errors).toEqual([{ field: 'email', message: expect.stringContaining('alphabets') }]);
      });

      it('400 VALIDATION_FAILED: a NUL in the e-mail address', async () => {
        expectProblem(await attempt('nul\u0000@example.test'), 400, 'VALIDATION_FAILED');
      });

      const LOOK_ALIKES: [string, string][] = [
        ['a dotless "ı" in the local part', 'adm\u0131n@example.test'],
        ['an all-Cyrillic domain label that reads "apple"', 'ann@\u0430\u0440\u0440\u04CF\u0435.com'],
        ['an all-Cyrillic local part that reads "scope"', '\u0455\u0441\u043E\u0440\u0435@example.test'],
      ];

      it.each(LOOK_ALIKES)('400 VALIDATION_FAILED on email at sign-up: %s', async (_name, email) => {
        const res = await attempt(email);
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect(res.body.errors).toEqual([{ field: 'email', message: expect.stringContaining('instead of characters that look like them') }]);
      });

      it.each(LOOK_ALIKES)('400 VALIDATION_FAILED on email at invitation: %s', async (_name, email) => {
        const res = await consoleApi.post('/console/v1/organization/invitations', { email, role: 'developer_admin' });
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect(res.body.errors).toEqual([{ field: 'email', message: expect.stringContaining('instead of characters that look like them') }]);
      });

      it.each(LOOK_ALIKES)('400 VALIDATION_FAILED on email at acceptance of an invitation issued before the rule: %s', async (_name, email) => {
        // An invitation to that address recorded before look-alikes were refused at invitation.
        const token = `before-the-rule-${randomUUID()}`;
        const invitationId = randomUUID();
        const now = Date.now();
        const { position } = await t.app.get<symbol, EventStore>(EVENT_STORE).appendToStream(
          `invitation-${invitationId}`,
          [
            {
              id: randomUUID(),
              type: 'InvitationCreated',
              data: {
                invitationId,
                organizationId: admin.organizationId,
                email,
                role: 'developer_admin',
                permissions: ['ReadAccounts'],
                tokenHash: createHash('sha256').update(token).digest('hex'),
                createdAt: new Date(now).toISOString(),
                expiresAt: new Date(now + 86_400_000).toISOString(),
                invitedBy: { userId: admin.userId, email: admin.email },
              },
              metadata: { correlationId: randomUUID(), actor: { userId: admin.userId, email: admin.email } },
            },
          ],
          { expectedRevision: 'no_stream' },
        );
        await t.app.get(ProjectionRunner).waitFor(position);
        const res = keep(
          'accept',
          await request(t.server).post(`/console/v1/invitations/${token}/accept`).send({ name: 'Look Alike', password: PASSWORD }),
        );
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect(res.body.errors).toEqual([{ field: 'email', message: expect.stringContaining('instead of characters that look like them') }]);
      });

      it.each<[string, string]>([
        ['accented Latin letters', `\u00E5sa${Date.now() % 1_000_000}@ex\u00E4mple.se`],
        ['an address written in Cyrillic', `\u0438\u0432\u0430\u043D${Date.now() % 1_000_000}@\u043F\u0440\u0438\u043C\u0435\u0440.\u0440\u0444`],
      ])('201: an internationalized address that passes for nothing else: %s', async (_name, email) => {
        expect((await attempt(email)).status).toBe(201);
      });
    });

    describe('null where a field may be left out', () => {
      it.each<[string, () => string, Record<string, unknown>, string]>([
        [
          'setupToken on signup',
          () => '/console/v1/signup',
          { email: `null-${randomUUID().slice(0, 6)}@example.test`, password: PASSWORD, name: 'N', organizationName: 'N', setupToken: null },
          'setupToken',
        ],
        [
          'permissions on an invitation',
          () => '/console/v1/organization/invitations',
          { email: 'null-perms@example.test', role: 'user', permissions: null },
          'permissions',
        ],
      ])('400 VALIDATION_FAILED: a null %s', async (_name, path, body, field) => {
        const res = await consoleApi.post(path(), body);
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect(res.body.errors).toEqual([{ field, message: `${field} must not be null` }]);
      });

      it.each<[string, () => string, Record<string, unknown>, string]>([
        ['role on a member update', () => `/console/v1/organization/members/${admin.userId}`, { role: null }, 'role'],
        ['permissions on a member update', () => `/console/v1/organization/members/${admin.userId}`, { permissions: null }, 'permissions'],
        ['name on an app update', () => `/console/v1/apps/${randomUUID()}`, { name: null }, 'name'],
        ['scopes on an app update', () => `/console/v1/apps/${randomUUID()}`, { scopes: null }, 'scopes'],
        ['grantTypes on an app update', () => `/console/v1/apps/${randomUUID()}`, { grantTypes: null }, 'grantTypes'],
      ])('400 VALIDATION_FAILED: a null %s', async (_name, path, body, field) => {
        const res = await consoleApi.patch(path(), body);
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect(res.body.errors).toEqual([{ field, message: `${field} must not be null` }]);
      });

      const SHAPE = '{"type": "organization"} or {"type": "specific", "clientIds": [...]}';
      /** The target credential before the null fields are sent for it. */
      let before: { label: string; revision: number };
      beforeAll(async () => {
        before = (await consoleApi.get(`${C}/${credential.id}`)).body;
      });
      const CLIENT_IDS_NULL =
        'allowedApps.clientIds must not be null: list client ids with allowedApps.type "specific", leave it out with "organization"';

      it.each<[string, () => string, 'post' | 'patch', Record<string, unknown>, { field: string; message: string }[]]>([
        [
          'allowedApps on a credential update',
          () => `${C}/${credential.id}`,
          'patch',
          { allowedApps: null },
          [{ field: 'allowedApps', message: `allowedApps must not be null: leave it out to keep the allowed apps, or send ${SHAPE}` }],
        ],
        [
          'label on a credential update',
          () => `${C}/${credential.id}`,
          'patch',
          { label: null },
          [{ field: 'label', message: 'label must not be null' }],
        ],
        [
          'allowedApps.clientIds on a credential update',
          () => `${C}/${credential.id}`,
          'patch',
          { allowedApps: { type: 'organization', clientIds: null } },
          [{ field: 'allowedApps.clientIds', message: CLIENT_IDS_NULL }],
        ],
        [
          'label and allowedApps at once on a credential update',
          () => `${C}/${credential.id}`,
          'patch',
          { label: null, allowedApps: null },
          [
            { field: 'label', message: 'label must not be null' },
            { field: 'allowedApps', message: `allowedApps must not be null: leave it out to keep the allowed apps, or send ${SHAPE}` },
          ],
        ],
        [
          'allowedApps on a credential creation',
          () => C,
          'post',
          { ...credentialBody({ label: 'null apps' }), allowedApps: null },
          [{ field: 'allowedApps', message: `allowedApps must not be null: send ${SHAPE}` }],
        ],
        [
          'allowedApps.clientIds on a credential creation',
          () => C,
          'post',
          { ...credentialBody({ label: 'null ids' }), allowedApps: { type: 'specific', clientIds: null } },
          [{ field: 'allowedApps.clientIds', message: CLIENT_IDS_NULL }],
        ],
        [
          'reason on a revocation',
          () => `${C}/${credential.id}/revoke`,
          'post',
          { reason: null },
          [{ field: 'reason', message: 'reason must not be null' }],
        ],
      ])('400 VALIDATION_FAILED, never a 500: a null %s', async (_name, path, method, body, errors) => {
        const res = await consoleApi[method](path(), body);
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect(res.body.errors).toEqual(errors);
      });

      it.each<[string, unknown]>([
        ['a string', 'organization'],
        ['an array', [{ type: 'organization' }]],
        ['a number', 1],
      ])('400 VALIDATION_FAILED: allowedApps as %s on a credential update names the shape it must have', async (_name, allowedApps) => {
        const res = await consoleApi.patch(`${C}/${credential.id}`, { allowedApps });
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect(res.body.errors).toEqual([{ field: 'allowedApps', message: `allowedApps must be ${SHAPE}` }]);
      });

      it('the credential the null fields were sent for is unchanged and still works', async () => {
        const res = await consoleApi.get(`${C}/${credential.id}`);
        expect(res.body).toMatchObject({ label: before.label, revision: before.revision, status: 'active', allowedApps: { type: 'organization' } });
        expect((await exchange(t, 'production', prod, credential.jwt)).status).toBe(200);
      });

      it('400 VALIDATION_FAILED: a member update with every optional field null names each', async () => {
        const res = await consoleApi.patch(`/console/v1/organization/members/${admin.userId}`, { role: null, permissions: null });
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect(res.body.errors).toEqual([
          { field: 'role', message: 'role must not be null' },
          { field: 'permissions', message: 'permissions must not be null' },
        ]);
        // Nothing changed.
        expect((await consoleApi.get('/console/v1/me')).body).toMatchObject({
          role: 'developer_admin',
          permissions: ['ReadAccounts', 'EditAccounts', 'ReadExtensions', 'EditExtensions'],
        });
      });
    });

    describe('what is not a session token', () => {
      it.each<[string, () => string]>([
        ['a credential JWT', () => `Bearer ${credential.jwt}`],
        ['an access token', () => `Bearer ${tokens.access_token}`],
        ['a refresh token', () => `Bearer ${tokens.refresh_token}`],
        ['a client secret', () => `Bearer ${prod.clientSecret}`],
        ['the session token with a character appended', () => `Bearer ${admin.token}x`],
        ['an alg "none" JWT', () => `Bearer ${forgeJws({ alg: 'none' }, { sub: admin.userId })}`],
        ['a NUL', () => 'Bearer \u0000'],
        ['the session token under the Basic scheme', () => `Basic ${admin.token}`],
      ])('401 UNAUTHENTICATED: %s', async (_name, authorization) => {
        const res = await inject({ method: 'GET', url: '/console/v1/me', headers: { authorization: authorization() } });
        expectProblem(res, 401, 'UNAUTHENTICATED');
      });
    });
  });

  describe('afterwards', () => {
    it('the process is healthy, fetched nothing, and no prototype was polluted', async () => {
      await request(t.server).get('/health').expect(200);
      expect(listener.connections()).toBe(0);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
      const inherited: string[] = [];
      for (const key in {}) inherited.push(key);
      expect(inherited).toEqual([]);
    });

    it('no answer was a 5xx, carried a stack trace, or echoed a secret', () => {
      expect(answers.length).toBeGreaterThan(150);
      const secrets = [prod.clientSecret, sbx.clientSecret, PASSWORD];
      for (const { what, answer } of answers) {
        expect({ what, status: answer.status < 500 }).toEqual({ what, status: true });
        expect(answer.text).not.toMatch(/\n\s+at .+:\d+:\d+/);
        expect(answer.text).not.toMatch(/node_modules|\.ts:\d+/);
        if (answer.status >= 400) for (const secret of secrets) expect(answer.text).not.toContain(secret);
      }
    });

    it('no log line carries a client secret, a password or a credential JWT', () => {
      const logs = t.logs.join('');
      for (const secret of [prod.clientSecret, sbx.clientSecret, PASSWORD, decodeJws(credential.jwt).parts[2]]) expect(logs).not.toContain(secret);
    });
  });
});
