import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  correlationIdOf,
  type CounterSeries,
  type Environment,
  ENVIRONMENT_PREFIX,
  ENVIRONMENTS,
  httpRequests,
  type Metrics,
  NO_METRICS,
} from '@latchkey/building-blocks';
import type { AuthApiRequest } from '../shared/auth-api-request';
import { type OAuthError, OAuthErrors } from '../shared/oauth-error';
import { TOKEN_SETTINGS } from '../shared/token-settings';
import { type AnswerSummary, AnswerCounts } from './answer-counts';
import { type AuthApiAnswer, errorAnswer, type FailedAuthApiRequest, JSON_TYPE, okAnswer, toOAuthError } from './auth-api-answers';
import { checkFormContentType, FORM_MEDIA_TYPE, parseForm } from './form-body';
import { type TokenOutcome, TokenRequestMetrics } from './token-request-metrics';

export type { FailedAuthApiRequest } from './auth-api-answers';

export interface AuthApiEndpoints {
  token(environment: Environment, request: AuthApiRequest): Promise<unknown>;
  revoke(environment: Environment, request: AuthApiRequest): Promise<void>;
  introspect(environment: Environment, request: AuthApiRequest): Promise<unknown>;
  jwks(environment: Environment): unknown;
  metadata(environment: Environment): unknown;
}

/**
 * The Auth API's own logging. The request lines of the HTTP edge skip its paths, as a line per request
 * would cost about as much as the request itself; instead every 5xx answer is logged with its
 * request, and the answers are counted by status and reported once per interval.
 */
export interface AuthApiLogger {
  error(message: string, error: unknown): void;
  failedRequest(request: FailedAuthApiRequest): void;
  answers(summary: AnswerSummary & { intervalSeconds: number }): void;
}

export interface AuthApiPluginOptions {
  /** How often the answers counted by status are logged (default `TOKEN_SETTINGS.requestSummaryIntervalMs`). */
  summaryIntervalMs?: number;
  /** Where its answers and token requests are counted (default: nowhere). */
  metrics?: Metrics;
}

/** Observes one form request once it is answered: the grant type it asked for (if it was read) and its outcome. */
type FormObserver = (grantType: string | undefined, outcome: TokenOutcome, startMs: number) => void;

const EMPTY = Buffer.alloc(0);
const OTHER_THAN_POST = ['GET', 'HEAD', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];
const OTHER_THAN_GET = ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];

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
 * the OAuth shape, never problem+json. Every request goes through Fastify's routing and hooks
 * (return503OnClosing, body limits, Content-Length checks, anything the application hooks in).
 */
export function authApiPlugin(endpoints: AuthApiEndpoints, logger: AuthApiLogger, options: AuthApiPluginOptions = {}) {
  const answers = new AnswerCounts();
  const metrics = options.metrics ?? NO_METRICS;
  const tokenRequests = new TokenRequestMetrics(metrics);
  const answerCounter = httpRequests(metrics);
  /** By status, resolved on first use: the statuses the Auth API answers are a handful. */
  const answersByStatus = new Map<number, CounterSeries>();
  const oauthError = (error: unknown) => toOAuthError(error, logger);

  const answered = (status: number, failed: FailedAuthApiRequest | null): void => {
    answers.count(status);
    let series = answersByStatus.get(status);
    if (series === undefined) answersByStatus.set(status, (series = answerCounter.series({ surface: 'auth', status: String(status) })));
    series.inc();
    if (failed) logger.failedRequest(failed);
  };

  const send = (reply: FastifyReply, answer: AuthApiAnswer): void => {
    if (reply.sent) return;
    void reply.code(answer.status).headers(answer.headers).send(answer.body);
    answered(answer.status, answer.status >= 500 ? describeFailure(reply, answer.status) : null);
  };
  const sendError = (reply: FastifyReply, error: OAuthError): void => send(reply, errorAnswer(error));
  /** Answers the failure in the OAuth shape; returns its errorCode. */
  const fail = (reply: FastifyReply, error: unknown): TokenOutcome => {
    const refusal = oauthError(error);
    sendError(reply, refusal);
    return refusal.errorCode;
  };

  /**
   * A form-encoded POST endpoint. The handler is a plain function that starts the endpoint's
   * promise and answers when it settles (no async wrapper on the path). `observe`, when given,
   * learns each request's grant type and outcome.
   */
  const formRoute = (scope: FastifyInstance, url: string, handle: (request: AuthApiRequest) => Promise<unknown>, observe?: FormObserver) => {
    scope.post(url, (request, reply) => {
      const startMs = observe ? performance.now() : 0;
      let form: AuthApiRequest | undefined;
      const done = (outcome: TokenOutcome) => observe?.(form?.params.get('grant_type'), outcome, startMs);
      let result: Promise<unknown>;
      try {
        form = readForm(request);
        result = handle(form);
      } catch (error) {
        done(fail(reply, error));
        return;
      }
      result.then(
        (result) => {
          try {
            send(reply, okAnswer(result));
            done('issued');
          } catch (error) {
            done(fail(reply, error));
          }
        },
        (error: unknown) => done(fail(reply, error)),
      );
    });
    scope.route({ method: OTHER_THAN_POST, url, handler: async (_request, reply) => void fail(reply, OAuthErrors.methodNotAllowed('POST')) });
  };

  const getRoute = (scope: FastifyInstance, url: string, cacheControl: string, body: () => unknown) => {
    scope.get(url, async (_request, reply) => {
      void reply.code(200).header('cache-control', cacheControl).type(JSON_TYPE).send(JSON.stringify(body()));
      answered(200, null);
    });
    scope.route({ method: OTHER_THAN_GET, url, handler: async (_request, reply) => void fail(reply, OAuthErrors.methodNotAllowed('GET, HEAD')) });
  };

  return async function authApi(scope: FastifyInstance): Promise<void> {
    scope.removeAllContentTypeParsers();
    // Every body is read the same way; the form's own type is named as well because Fastify looks a
    // named type up once and caches it, while it parses the header again for every request that
    // only the catch-all takes.
    for (const type of [FORM_MEDIA_TYPE, '*']) {
      scope.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: TOKEN_SETTINGS.maxFormBodyBytes }, (_request, body, done) => done(null, body));
    }
    scope.setErrorHandler((error: FastifyError, _request, reply) => {
      const status = error.statusCode ?? 500;
      if (status === 413) return sendError(reply, OAuthErrors.payloadTooLarge(TOKEN_SETTINGS.maxFormBodyBytes));
      if (status >= 400 && status < 500) return sendError(reply, OAuthErrors.invalidRequest('The request could not be read'));
      fail(reply, error);
    });

    const intervalMs = options.summaryIntervalMs ?? TOKEN_SETTINGS.requestSummaryIntervalMs;
    const report = () => {
      const summary = answers.take();
      if (summary) logger.answers({ intervalSeconds: Math.round(intervalMs / 1000), ...summary });
    };
    const timer = setInterval(report, intervalMs).unref();
    scope.addHook('onClose', async () => {
      clearInterval(timer);
      report();
    });

    for (const environment of ENVIRONMENTS) {
      const paths = authApiPaths(environment);
      formRoute(
        scope,
        paths.token,
        (request) => endpoints.token(environment, request),
        (grantType, outcome, startMs) => tokenRequests.record(environment, grantType, outcome, startMs),
      );
      formRoute(scope, paths.revoke, (request) => endpoints.revoke(environment, request));
      formRoute(scope, paths.introspect, (request) => endpoints.introspect(environment, request));
      getRoute(scope, paths.jwks, 'public, max-age=1', () => endpoints.jwks(environment));
      getRoute(scope, paths.metadata, 'public, max-age=3600', () => endpoints.metadata(environment));
      if (paths.metadataAtRoot) getRoute(scope, paths.metadataAtRoot, 'public, max-age=3600', () => endpoints.metadata(environment));
      scope.all(paths.others, async (_request, reply) => void fail(reply, OAuthErrors.unknownEndpoint()));
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
    userAgent: request.headers['user-agent'],
    // A plain property, not a getter: a getter defined in an object literal gives each object a map
    // of its own, in the old generation, whose getter holds the request; young-generation GCs then
    // kept every request's objects and promoted them (one full GC about every 2 s under load).
    correlationId: correlationIdOf(request),
  };
}

function describeFailure(reply: FastifyReply, statusCode: number): FailedAuthApiRequest {
  const { request } = reply;
  const query = request.url.indexOf('?');
  return {
    id: String(request.id),
    method: request.method,
    path: query < 0 ? request.url : request.url.slice(0, query),
    statusCode,
    responseTimeMs: Math.round(reply.elapsedTime * 10) / 10,
  };
}
