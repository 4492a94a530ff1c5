import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { EventStoreUnavailableError, isDomainError } from '@latchkey/event-store';
import type { AuthApiRequest } from '../shared/auth-api-request';
import { ENVIRONMENT_PREFIX, ENVIRONMENTS, type Environment } from '../shared/environments';
import { OAuthError, OAuthErrors } from '../shared/oauth-error';
import { TOKEN_SETTINGS } from '../shared/token-settings';
import { checkFormContentType, parseForm } from './form-body';

export interface AuthApiEndpoints {
  token(environment: Environment, request: AuthApiRequest): Promise<unknown>;
  revoke(environment: Environment, request: AuthApiRequest): Promise<void>;
  introspect(environment: Environment, request: AuthApiRequest): Promise<unknown>;
  jwks(environment: Environment): unknown;
  metadata(environment: Environment): unknown;
}

export interface AuthApiLogger {
  error(message: string, error: unknown): void;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' } as const;
const EMPTY = Buffer.alloc(0);
const OTHER_THAN_POST = ['GET', 'HEAD', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];
const OTHER_THAN_GET = ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];
const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/** Paths of the Auth API in one environment. */
export function authApiPaths(environment: Environment) {
  const p = ENVIRONMENT_PREFIX[environment];
  return {
    token: `${p}/restapi/oauth/token`,
    revoke: `${p}/restapi/oauth/revoke`,
    introspect: `${p}/restapi/oauth/introspect`,
    jwks: `${p}/restapi/oauth/jwks`,
    metadata: `${p}/.well-known/oauth-authorization-server`,
    /** Anything else under the Auth API's path answers 404 in the OAuth shape. */
    others: `${p}/restapi/oauth/*`,
    /** RFC 8414 §3: for an issuer with a path, the well-known segment goes before the path. */
    metadataAtRoot: p === '' ? null : `/.well-known/oauth-authorization-server${p}`,
  };
}

/**
 * The Auth API as an encapsulated Fastify plugin, beside Nest's routes: no Nest pipes,
 * interceptors or query parsing on the hot path; a form parser of its own (every body is read as
 * raw bytes, at most 16 KB, and parsed strictly by the handler) and error answers of its own, in
 * the OAuth shape, never problem+json.
 */
export function authApiPlugin(endpoints: AuthApiEndpoints, logger: AuthApiLogger) {
  const fail = (reply: FastifyReply, error: unknown) => sendError(reply, toOAuthError(error, logger));

  const formRoute = (scope: FastifyInstance, url: string, respond: (request: AuthApiRequest, reply: FastifyReply) => Promise<void>) => {
    scope.post(url, async (request, reply) => {
      try {
        await respond(readForm(request), reply);
      } catch (error) {
        fail(reply, error);
      }
    });
    scope.route({ method: OTHER_THAN_POST, url, handler: async (_request, reply) => fail(reply, OAuthErrors.methodNotAllowed('POST')) });
  };

  const getRoute = (scope: FastifyInstance, url: string, cacheControl: string, body: () => unknown) => {
    scope.get(url, async (_request, reply) => {
      void reply.code(200).header('cache-control', cacheControl).type(JSON_TYPE).send(JSON.stringify(body()));
    });
    scope.route({ method: OTHER_THAN_GET, url, handler: async (_request, reply) => fail(reply, OAuthErrors.methodNotAllowed('GET, HEAD')) });
  };

  return async function authApi(scope: FastifyInstance): Promise<void> {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: TOKEN_SETTINGS.maxFormBodyBytes }, (_request, body, done) => done(null, body));
    scope.setErrorHandler((error: FastifyError, _request, reply) => {
      const status = error.statusCode ?? 500;
      if (status === 413) return sendError(reply, OAuthErrors.payloadTooLarge(TOKEN_SETTINGS.maxFormBodyBytes));
      if (status >= 400 && status < 500) return sendError(reply, OAuthErrors.invalidRequest('The request could not be read'));
      return fail(reply, error);
    });

    for (const environment of ENVIRONMENTS) {
      const paths = authApiPaths(environment);
      formRoute(scope, paths.token, async (request, reply) => {
        const body = await endpoints.token(environment, request);
        void reply.code(200).headers(NO_STORE).type(JSON_TYPE).send(JSON.stringify(body));
      });
      formRoute(scope, paths.revoke, async (request, reply) => {
        await endpoints.revoke(environment, request);
        void reply.code(200).headers(NO_STORE).send();
      });
      formRoute(scope, paths.introspect, async (request, reply) => {
        const body = await endpoints.introspect(environment, request);
        void reply.code(200).headers(NO_STORE).type(JSON_TYPE).send(JSON.stringify(body));
      });
      getRoute(scope, paths.jwks, 'public, max-age=300', () => endpoints.jwks(environment));
      getRoute(scope, paths.metadata, 'public, max-age=3600', () => endpoints.metadata(environment));
      if (paths.metadataAtRoot) getRoute(scope, paths.metadataAtRoot, 'public, max-age=3600', () => endpoints.metadata(environment));
      scope.all(paths.others, async (_request, reply) => fail(reply, OAuthErrors.unknownEndpoint()));
    }
  };
}

function readForm(request: FastifyRequest): AuthApiRequest {
  const contentType = checkFormContentType(request.headers['content-type']);
  if (!contentType.ok) throw OAuthErrors.invalidRequest(contentType.message);
  const parsed = parseForm(Buffer.isBuffer(request.body) ? request.body : EMPTY, TOKEN_SETTINGS.maxFormParameters);
  if (!parsed.ok) throw OAuthErrors.invalidRequest(parsed.message);
  return {
    params: parsed.params,
    authorization: request.headers.authorization,
    address: request.ip,
    correlationId: String(request.id),
  };
}

function toOAuthError(error: unknown, logger: AuthApiLogger): OAuthError {
  if (error instanceof OAuthError) return error;
  if (error instanceof EventStoreUnavailableError || (isDomainError(error) && (error.kind === 'unavailable' || error.kind === 'conflict'))) {
    return OAuthErrors.unavailable(UNAVAILABLE_RETRY_AFTER_SECONDS);
  }
  logger.error('Unexpected error in the Auth API', error);
  return OAuthErrors.serverError();
}

function sendError(reply: FastifyReply, error: OAuthError): void {
  if (reply.sent) return;
  void reply.code(error.status).headers(NO_STORE).headers(error.headers).type(JSON_TYPE).send(JSON.stringify(error.body));
}
