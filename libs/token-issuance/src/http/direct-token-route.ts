import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { type Environment } from '@latchkey/building-blocks';
import type { AuthApiRequest } from '../shared/auth-api-request';
import { type OAuthError, OAuthErrors } from '../shared/oauth-error';
import { TOKEN_SETTINGS } from '../shared/token-settings';
import { type AuthApiAnswer, errorAnswer, type FailedAuthApiRequest, okAnswer } from './auth-api-answers';
import { parseForm } from './form-body';

type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

/** What the direct route shares with the Fastify routes: the endpoint, the error mapping and the bookkeeping of answers. */
export interface DirectTokenRouteHandlers {
  token(environment: Environment, request: AuthApiRequest): Promise<unknown>;
  /** The OAuth error answered for a failure (logs the unexpected ones). */
  toOAuthError(error: unknown): OAuthError;
  /** Called once per answer written, with the request's description for a 5xx one. */
  answered(status: number, failed: FailedAuthApiRequest | null): void;
}

/**
 * The Content-Type values the direct route takes: valid form types, as `checkFormContentType`
 * accepts them and as Fastify parses them. Any other value (even one the endpoint would accept)
 * goes through Fastify.
 */
const FORM_TYPES = new Set([
  'application/x-www-form-urlencoded',
  'application/x-www-form-urlencoded; charset=utf-8',
  'application/x-www-form-urlencoded;charset=utf-8',
  'application/x-www-form-urlencoded; charset=UTF-8',
  'application/x-www-form-urlencoded;charset=UTF-8',
]);

/** A Content-Length of 1 to 99,999 bytes, written plainly (the limit is checked after). */
const BODY_LENGTH = /^[1-9][0-9]{0,4}$/;

interface Exchange {
  request: IncomingMessage;
  response: ServerResponse;
  /** Once the body is read. */
  form: DirectRequest | null;
  startedAt: number;
}

/**
 * One request of the direct route, as the endpoints see it. The correlation id is drawn only when
 * something asks for it (a refresh writes it into its event; a failure logs it).
 */
class DirectRequest implements AuthApiRequest {
  private id: string | undefined;

  constructor(
    readonly params: ReadonlyMap<string, string>,
    readonly authorization: string | undefined,
    readonly address: string,
  ) {}

  get correlationId(): string {
    return (this.id ??= randomUUID());
  }
}

/**
 * The token endpoint's common case, answered at the HTTP server in front of Fastify.
 *
 * Through Fastify, each token request paid for the framework's request pipeline on top of the
 * endpoint: the application's `onRequest` hooks (Nest's four and @fastify/middie's, which runs the
 * request-logging middleware's exclusion check) and the body parser, whose per-request
 * `AsyncResource.bind` costs about 10 µs on Node 20 (it builds two deprecation wrappers every
 * time). Together more than a quarter of the CPU of a token request. None of it applies to this
 * endpoint, so its plain requests skip it:
 *
 * `POST` to exactly `/restapi/oauth/token` or `/sandbox/restapi/oauth/token` (no query string),
 * with a form Content-Type (see `FORM_TYPES`), a Content-Length of at most the form body limit and
 * no Transfer-Encoding, while the server is not closing. For such a request the Fastify route would
 * read the same bytes and call the same endpoint; the answer here is byte for byte the same
 * (status, headers in the same order, body) and is counted and logged the same way. Every other
 * request, including every malformed one, goes to Fastify unchanged, so the framework's handling
 * of edge cases (body limits, bad lengths, chunked bodies, odd media types, closing) stays the one
 * answer for them. `inject()` never reaches this route and always tests the Fastify one.
 *
 * The client's address (the throttling key) is the socket's, as Fastify reports it when no proxy
 * is trusted; the application trusts none (`apps/api/src/bootstrap.ts`). Trusting a proxy would
 * need the same rule here.
 */
export class DirectTokenRoute {
  private readonly environments: ReadonlyMap<string, Environment>;
  private closing = false;

  constructor(
    paths: Readonly<Record<Environment, string>>,
    private readonly handlers: DirectTokenRouteHandlers,
  ) {
    this.environments = new Map(Object.entries(paths).map(([environment, path]) => [path, environment as Environment]));
  }

  /**
   * Puts the route in front of the server's request listener (Fastify's). Installs nothing and
   * answers false when the server does not have exactly one.
   */
  install(server: Server): boolean {
    const listeners = server.listeners('request') as RequestListener[];
    if (listeners.length !== 1) return false;
    const [fastify] = listeners;
    server.removeListener('request', fastify);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      const environment = this.closing || request.method !== 'POST' ? undefined : this.environments.get(request.url as string);
      if (environment === undefined || !plainForm(request.headers)) {
        fastify(request, response);
        return;
      }
      this.serve(environment, request, response);
    });
    return true;
  }

  /** From now on every request goes to Fastify (which answers 503 while it closes). */
  close(): void {
    this.closing = true;
  }

  private serve(environment: Environment, request: IncomingMessage, response: ServerResponse): void {
    const exchange: Exchange = { request, response, form: null, startedAt: performance.now() };
    const chunks: Buffer[] = [];
    let length = 0;
    request.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      length += chunk.length;
    });
    // An aborted request gets no answer: its connection is gone.
    request.on('error', () => undefined);
    request.on('end', () => {
      let result: Promise<unknown>;
      try {
        const parsed = parseForm(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, length), TOKEN_SETTINGS.maxFormParameters);
        if (!parsed.ok) throw OAuthErrors.invalidRequest(parsed.message);
        exchange.form = new DirectRequest(parsed.params, request.headers.authorization, request.socket.remoteAddress as string);
        result = this.handlers.token(environment, exchange.form);
      } catch (error) {
        result = Promise.reject(error);
      }
      result.then(
        (body) => this.answer(exchange, () => okAnswer(body)),
        (error: unknown) => this.answer(exchange, () => this.failure(error)),
      );
    });
  }

  /** Writes the answer; as the Fastify route does, a failure to build it is answered as a failure. Never throws. */
  private answer(exchange: Exchange, build: () => AuthApiAnswer): void {
    try {
      let answer: AuthApiAnswer;
      try {
        answer = build();
      } catch (error) {
        answer = this.failure(error);
      }
      this.write(exchange, answer);
    } catch {
      exchange.response.destroy();
    }
  }

  private failure(error: unknown): AuthApiAnswer {
    return errorAnswer(this.handlers.toOAuthError(error));
  }

  private write({ request, response, form, startedAt }: Exchange, answer: AuthApiAnswer): void {
    if (response.headersSent || response.destroyed) return;
    response.writeHead(answer.status, answer.headers);
    response.end(answer.body);
    this.handlers.answered(
      answer.status,
      answer.status < 500
        ? null
        : {
            id: form ? form.correlationId : randomUUID(),
            method: 'POST',
            path: request.url as string,
            statusCode: answer.status,
            responseTimeMs: Math.round((performance.now() - startedAt) * 10) / 10,
          },
    );
  }
}

/** A form body of known, acceptable length: the only kind the direct route reads itself. */
function plainForm(headers: IncomingHttpHeaders): boolean {
  const type = headers['content-type'];
  const length = headers['content-length'];
  return (
    type !== undefined &&
    FORM_TYPES.has(type) &&
    headers['transfer-encoding'] === undefined &&
    length !== undefined &&
    BODY_LENGTH.test(length) &&
    Number(length) <= TOKEN_SETTINGS.maxFormBodyBytes
  );
}
