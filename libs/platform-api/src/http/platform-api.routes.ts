import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { correlationIdOf, type Environment, ENVIRONMENT_PREFIX, ENVIRONMENTS, isDomainError } from '@latchkey/building-blocks';
import { EventStoreUnavailableError } from '@latchkey/event-store';
import type { RenameAccount } from '../commands/rename-account/rename-account';
import type { GetAccount } from '../queries/get-account/get-account';
import type { GetExtension } from '../queries/get-extension/get-extension';
import type { PlatformAccess } from './platform-access';
import { PlatformError, PlatformErrors } from './platform-errors';

export const MAX_JSON_BODY_BYTES = 16 * 1024;

export interface PlatformApiLogger {
  error(message: string, error: unknown): void;
}

/** The use cases behind the routes. */
export interface PlatformApiUseCases {
  getAccount: Pick<GetAccount, 'execute'>;
  renameAccount: Pick<RenameAccount, 'execute'>;
  getExtension: Pick<GetExtension, 'execute'>;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Paths of the Platform API in one environment (Fastify syntax). */
export function platformApiPaths(environment: Environment) {
  const p = ENVIRONMENT_PREFIX[environment];
  return {
    account: `${p}/restapi/v1.0/account/:accountId`,
    extension: `${p}/restapi/v1.0/account/:accountId/extension/:extensionId`,
    /** Anything else under `/restapi` (but the Auth API) answers 404 in RingCentral's shape. */
    anything: `${p}/restapi/*`,
  };
}

/**
 * The Platform API as an encapsulated Fastify plugin: bodies read as raw bytes (at most 16 KB)
 * and parsed as JSON by the handler, answers and errors in RingCentral's shapes.
 */
export function platformApiPlugin(access: PlatformAccess, useCases: PlatformApiUseCases, logger: PlatformApiLogger) {
  const fail = (reply: FastifyReply, error: unknown) => {
    let answer: PlatformError;
    if (error instanceof PlatformError) answer = error;
    else if (error instanceof EventStoreUnavailableError || (isDomainError(error) && (error.kind === 'unavailable' || error.kind === 'conflict'))) {
      answer = PlatformErrors.unavailable();
    } else if (isDomainError(error) && error.kind === 'validation') {
      answer = PlatformErrors.invalidParameter(error.details.errors?.[0]?.field ?? 'body', error.message);
    } else {
      logger.error('Unexpected error in the Platform API', error);
      answer = PlatformErrors.internal();
    }
    send(reply, answer.status, answer.body, answer.headers);
  };

  const params = (request: FastifyRequest) => request.params as { accountId: string; extensionId?: string };

  return async function platformApi(scope: FastifyInstance): Promise<void> {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_JSON_BODY_BYTES }, (_request, body, done) => done(null, body));
    scope.setErrorHandler((error: FastifyError, _request, reply) => {
      const status = error.statusCode ?? 500;
      if (status === 413) return fail(reply, PlatformErrors.payloadTooLarge(MAX_JSON_BODY_BYTES));
      if (status >= 400 && status < 500) return fail(reply, PlatformErrors.malformedBody('The request could not be read'));
      return fail(reply, error);
    });

    for (const environment of ENVIRONMENTS) {
      const paths = platformApiPaths(environment);
      scope.get(paths.account, async (request, reply) => {
        try {
          const principal = await access.authorize(environment, request.headers.authorization, 'ReadAccounts');
          send(reply, 200, useCases.getAccount.execute(environment, principal, params(request).accountId));
        } catch (error) {
          fail(reply, error);
        }
      });
      scope.put(paths.account, async (request, reply) => {
        try {
          const principal = await access.authorize(environment, request.headers.authorization, 'EditAccounts');
          const body = readJson(request);
          send(reply, 200, await useCases.renameAccount.execute(environment, principal, params(request).accountId, body, correlationIdOf(request)));
        } catch (error) {
          fail(reply, error);
        }
      });
      scope.route({
        method: ['POST', 'DELETE', 'PATCH'],
        url: paths.account,
        handler: async (_request, reply) => fail(reply, PlatformErrors.methodNotAllowed('GET, HEAD, PUT')),
      });
      scope.get(paths.extension, async (request, reply) => {
        try {
          const principal = await access.authorize(environment, request.headers.authorization, 'ReadAccounts');
          const { accountId, extensionId } = params(request);
          send(reply, 200, useCases.getExtension.execute(environment, principal, accountId, extensionId ?? '~'));
        } catch (error) {
          fail(reply, error);
        }
      });
      scope.route({
        method: ['POST', 'PUT', 'DELETE', 'PATCH'],
        url: paths.extension,
        handler: async (_request, reply) => fail(reply, PlatformErrors.methodNotAllowed('GET, HEAD')),
      });
      scope.all(paths.anything, async (_request, reply) => fail(reply, PlatformErrors.routeNotFound()));
    }
  };
}

function readJson(request: FastifyRequest): unknown {
  const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') throw PlatformErrors.unsupportedMediaType();
  const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  try {
    return JSON.parse(utf8.decode(body));
  } catch {
    throw PlatformErrors.malformedBody('The request body is not valid JSON');
  }
}

function send(reply: FastifyReply, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  if (reply.sent) return;
  void reply.code(status).headers(headers).header('cache-control', 'no-store').type(JSON_TYPE).send(JSON.stringify(body));
}
