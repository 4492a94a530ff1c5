import type { OpenAPIObject } from '@nestjs/swagger';
import { type Environment, ENVIRONMENTS } from '@latchkey/building-blocks';
import { TOKEN_SETTINGS } from '../shared/token-settings';
import { authApiPaths } from './auth-api.routes';

type Schema = Record<string, unknown>;

const oauthError: Schema = {
  type: 'object',
  required: ['error', 'error_description', 'errors'],
  properties: {
    error: { type: 'string', example: 'invalid_grant' },
    error_description: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['errorCode', 'message'],
        properties: { errorCode: { type: 'string', example: 'OAU-213' }, message: { type: 'string' } },
      },
    },
  },
};

const tokenResponse: Schema = {
  type: 'object',
  required: ['access_token', 'token_type', 'expires_in', 'scope', 'owner_id', 'endpoint_id'],
  properties: {
    access_token: { type: 'string', description: 'An RFC 9068 JWT (`typ: at+jwt`), ES256, verifiable with the JWKS' },
    token_type: { type: 'string', enum: ['bearer'] },
    expires_in: { type: 'integer', minimum: TOKEN_SETTINGS.accessTokenTtl.min, maximum: TOKEN_SETTINGS.accessTokenTtl.max },
    refresh_token: { type: 'string', description: 'Only for apps with the `refresh_token` grant type. Single-use.' },
    refresh_token_expires_in: { type: 'integer', maximum: TOKEN_SETTINGS.refreshTokenTtl.max },
    scope: { type: 'string', description: 'Space-separated scopes granted' },
    owner_id: { type: 'string', description: "The credential owner's user id in this environment" },
    endpoint_id: { type: 'string' },
  },
};

const introspectionResponse: Schema = {
  type: 'object',
  required: ['active'],
  properties: {
    active: { type: 'boolean' },
    scope: { type: 'string' },
    client_id: { type: 'string' },
    sub: { type: 'string' },
    owner_id: { type: 'string' },
    exp: { type: 'integer' },
    iat: { type: 'integer' },
    iss: { type: 'string' },
    token_type: { type: 'string', enum: ['Bearer', 'refresh_token'], description: '`Bearer` for access tokens, `refresh_token` for refresh tokens' },
  },
};

const errorResponses = (cases: string): Record<string, Schema> => ({
  400: { description: cases, content: { 'application/json': { schema: oauthError } } },
  401: {
    description:
      '`invalid_client` `OAU-153`: bad or missing client authentication, unknown client, or a client of the other environment (one answer for all). `WWW-Authenticate: Basic` when the Authorization header was used.',
    content: { 'application/json': { schema: oauthError } },
  },
  405: { description: '`invalid_request` `OAU-101`: only POST is allowed (`Allow: POST`)', content: { 'application/json': { schema: oauthError } } },
  413: {
    description: `\`invalid_request\` \`OAU-101\`: the body is larger than ${TOKEN_SETTINGS.maxFormBodyBytes} bytes`,
    content: { 'application/json': { schema: oauthError } },
  },
  429: {
    description: `\`rate_limited\` \`OAU-429\` with \`Retry-After\`: after ${TOKEN_SETTINGS.clientFailures.limit} failed client authentications for one client id, or ${TOKEN_SETTINGS.addressFailures.limit} from one address, within ${TOKEN_SETTINGS.clientFailures.windowMs / 1000} s; every attempt is refused until the window ends`,
    content: { 'application/json': { schema: oauthError } },
  },
});

const formBody = (properties: Record<string, Schema>, required: string[]): Schema => ({
  required: true,
  content: {
    'application/x-www-form-urlencoded': {
      schema: {
        type: 'object',
        required,
        properties: {
          ...properties,
          client_id: { type: 'string', description: 'With `client_secret`, instead of the Authorization header (never both)' },
          client_secret: { type: 'string' },
        },
      },
    },
  },
});

const FORM_RULES = [
  `Body: \`application/x-www-form-urlencoded\` (UTF-8; any other charset or content type is \`400 invalid_request\`), at most ${TOKEN_SETTINGS.maxFormBodyBytes} bytes and ${TOKEN_SETTINGS.maxFormParameters} parameters, each parameter at most once, no bracketed names.`,
  'Client authentication: `Authorization: Basic base64(urlencode(client_id):urlencode(client_secret))` (RFC 6749 §2.3.1) or `client_id` and `client_secret` in the body, never both.',
].join('\n\n');

function environmentPaths(environment: Environment): Record<string, Schema> {
  const paths = authApiPaths(environment);
  const tags = [`Auth API (${environment})`];
  const security = [{ clientSecretBasic: [] }, {}];
  const metadata = {
    get: {
      tags,
      summary: 'Authorization server metadata (RFC 8414)',
      responses: {
        200: {
          description: 'issuer, endpoints, jwks_uri, grant types, client authentication methods, scopes',
          content: { 'application/json': { schema: { type: 'object' } } },
        },
      },
    },
  };
  return {
    [paths.token]: {
      post: {
        tags,
        summary: 'Exchange a JWT credential (RFC 7523) or a refresh token for an access token',
        description: [
          FORM_RULES,
          `TTLs are clamped, never rejected: \`access_token_ttl\` ${TOKEN_SETTINGS.accessTokenTtl.min}–${TOKEN_SETTINGS.accessTokenTtl.max} s (default ${TOKEN_SETTINGS.accessTokenTtl.default}), \`refresh_token_ttl\` ${TOKEN_SETTINGS.refreshTokenTtl.min}–${TOKEN_SETTINGS.refreshTokenTtl.max} s (default ${TOKEN_SETTINGS.refreshTokenTtl.default}); a non-numeric value means the default.`,
          `Credential JWTs: compact JWS only, ES256 only, \`typ: credential+jwt\`, \`iss\` this environment's issuer, \`aud\` this token endpoint; \`exp\` is checked with ${TOKEN_SETTINGS.credentialClockToleranceSeconds} s of clock tolerance. Key-carrying headers (\`jwk\`, \`jku\`, \`x5u\`, \`x5c\`) are ignored; the key is found by \`kid\` alone.`,
          'Refresh tokens are single-use: a refresh returns a new pair; presenting a used refresh token again revokes the whole session (`OAU-213`). A refresh token is issued only to apps with the `refresh_token` grant type.',
          'Answers carry `Cache-Control: no-store` and `Pragma: no-cache`.',
        ].join('\n\n'),
        security,
        requestBody: formBody(
          {
            grant_type: { type: 'string', enum: ['urn:ietf:params:oauth:grant-type:jwt-bearer', 'refresh_token'] },
            assertion: { type: 'string', description: 'The credential JWT (jwt-bearer grant)' },
            refresh_token: { type: 'string', description: 'Refresh grant' },
            scope: { type: 'string', description: "Space-separated; a subset of the app's scopes (default: all of them)" },
            access_token_ttl: { type: 'string' },
            refresh_token_ttl: { type: 'string' },
            endpoint_id: { type: 'string', maxLength: TOKEN_SETTINGS.maxEndpointIdLength, pattern: '^[A-Za-z0-9._~-]+$' },
          },
          ['grant_type'],
        ),
        responses: {
          200: { description: 'Tokens', content: { 'application/json': { schema: tokenResponse } } },
          ...errorResponses(
            [
              '`invalid_request` `OAU-101`: missing or repeated parameter, wrong content type, malformed body, both client authentication methods.',
              '`unsupported_grant_type` `OAU-250`.',
              '`unauthorized_client` `OAU-251`: the app lacks this grant type.',
              '`invalid_grant`: `OAU-216` assertion malformed or with a wrong signature, algorithm, type, issuer, audience or subject; `OAU-210` credential expired; `OAU-213` credential revoked, deleted or unknown, or refresh token used, revoked, expired or unknown; `OAU-214` credential of the other environment; `OAU-215` app not permitted by the credential; `OAU-217` credential owner deactivated, or without developer access (a member with the role `user`; restored when they are a developer again); `OAU-280` credential or app waiting for an administrator’s approval (organization policy `thirdPartyApps: "approval"`; usable as soon as a developer_admin approves the credential request); `OAU-281` the client address (as `TRUST_PROXY` resolves it) is outside the credential’s `allowedAddresses`, at the jwt-bearer grant and at refresh (the refresh token stays usable from an allowed address).',

              '`invalid_scope` `OAU-252`: a requested scope is not granted to the app.',
            ].join('\n\n'),
          ),
        },
      },
    },
    [paths.revoke]: {
      post: {
        tags,
        summary: 'Revoke a token (RFC 7009): ends the whole session',
        description: `${FORM_RULES}\n\nAnswers \`200\` with an empty body, also for unknown, invalid or expired tokens and tokens issued to another client (which are left alone).`,
        security,
        requestBody: formBody({ token: { type: 'string' }, token_type_hint: { type: 'string', enum: ['access_token', 'refresh_token'] } }, ['token']),
        responses: { 200: { description: 'Revoked (or nothing to revoke)' }, ...errorResponses('`invalid_request` `OAU-101`') },
      },
    },
    [paths.introspect]: {
      post: {
        tags,
        summary: 'Introspect a token (RFC 7662)',
        description: `${FORM_RULES}\n\n\`{"active": false}\` and nothing else for any token that is not live: expired, of a revoked session, of a revoked, deleted or expired credential, of a deactivated owner or one without developer access, of the other environment, issued to another client, a used refresh token, or garbage.`,
        security,
        requestBody: formBody({ token: { type: 'string' }, token_type_hint: { type: 'string', enum: ['access_token', 'refresh_token'] } }, ['token']),
        responses: {
          200: { description: 'Introspection', content: { 'application/json': { schema: introspectionResponse } } },
          ...errorResponses('`invalid_request` `OAU-101`'),
        },
      },
    },
    [paths.jwks]: {
      get: {
        tags,
        summary: "The environment's access-token verification keys (JWKS)",
        responses: {
          200: {
            description: 'JWKS (EC P-256, ES256)',
            content: { 'application/json': { schema: { type: 'object', properties: { keys: { type: 'array', items: { type: 'object' } } } } } },
          },
        },
      },
    },
    [paths.metadata]: metadata,
    ...(paths.metadataAtRoot ? { [paths.metadataAtRoot]: metadata } : {}),
  };
}

/** Adds the Auth API of both environments (Fastify routes, not Nest controllers) to an OpenAPI document. */
export function describeAuthApi(document: OpenAPIObject): OpenAPIObject {
  document.components ??= {};
  document.components.securitySchemes = {
    ...document.components.securitySchemes,
    clientSecretBasic: { type: 'http', scheme: 'basic', description: 'App client id and secret (form-urlencoded, then base64)' },
  };
  for (const environment of ENVIRONMENTS) Object.assign(document.paths, environmentPaths(environment));
  return document;
}
