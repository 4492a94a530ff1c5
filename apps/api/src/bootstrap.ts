import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Logger as NestLogger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  Clock,
  createValidationPipe,
  ensurePrivateDirectory,
  installBodyDrain,
  REQUEST_ID_HEADER,
  requestIdGenerator,
  sendProblem,
  TrustedProxies,
} from '@latchkey/building-blocks';
import { describePlatformApi } from '@latchkey/platform-api';
import { describeAuthApi } from '@latchkey/token-issuance';
import { AppModule, type AppModuleOptions } from './app.module';
import type { AppConfig } from './config/app-config';
import { LatchkeyFastifyAdapter } from './http/fastify-adapter';
import { describeHttpEdge } from './http/http-edge.openapi';
import { answerClientError, httpServerFactory, idleConnectionTimeoutMs } from './http/http-server';
import { installJsonBodyParser } from './http/json-body-parser';
import { installRequestObservation } from './http/request-observation';
import { PinoLoggerService } from './logging/pino-logger.service';
import { traceCommands } from './observability/command-tracing';
import { createObservability } from './observability/observability';

/** Console bodies are small; anything larger is refused before it is parsed. */
const BODY_LIMIT_BYTES = 64 * 1024;

/** Builds the application (not yet listening): used by `main.ts` and by the end-to-end tests. */
export async function createApp(config: AppConfig, options: AppModuleOptions = {}): Promise<NestFastifyApplication> {
  // Before any store opens a file in it: owner-only, whether it is new or not.
  const dataDir = config.eventStore === 'memory' ? null : ensurePrivateDirectory(config.dataDir);
  const proxies = new TrustedProxies(config.trustProxy);
  const observability = await createObservability(config, { destination: options.logDestination });
  const logger = new PinoLoggerService(observability.logger);
  const edge = new NestLogger('HTTP');
  const adapter = new LatchkeyFastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    routerOptions: { maxParamLength: 1024 },
    return503OnClosing: true,
    // request.id: the caller's X-Request-Id when acceptable, else a new one; also the correlation id.
    genReqId: requestIdGenerator(),
    // Router errors (malformed or over-long URLs) happen before Nest sees the request.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => sendProblem(reply.header(REQUEST_ID_HEADER, request.id), error),
    forceCloseConnections: 'idle',
    // request.ip, and with it every throttle, allowlist and the request context: see TrustedProxies.
    trustProxy: proxies.trust,
    // Slow requests: Node's deadlines (the server factory), and idle connections closed.
    serverFactory: httpServerFactory({
      requestTimeoutMs: config.requestTimeoutMs,
      proxies,
      onConnectionRefused: refusalReporter(edge),
    }),
    requestTimeout: config.requestTimeoutMs,
    connectionTimeout: idleConnectionTimeoutMs(config.requestTimeoutMs),
    clientErrorHandler: answerClientError,
  });
  // Before any route or plugin exists, so that every scope inherits it: a 413 reaches the client.
  installBodyDrain(adapter.getInstance());
  // Before any route exists, for the same reason.
  installRequestObservation(adapter.getInstance(), {
    logger: observability.logger,
    metrics: observability.metrics,
    traceRequest: observability.traceRequest,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, options, proxies, observability), adapter, {
    logger,
    // A provider that fails at start (a master key that does not open the key ring) is thrown to the caller, not aborted on.
    abortOnError: false,
    // Bodies are parsed by the parsers installed below (console JSON) and by the Auth API's own.
    bodyParser: false,
  });
  if (observability.tracing.enabled) traceCommands(app.get(CommandBus), observability.tracing);
  if (dataDir === 'shared') {
    logger.warn(
      `DATA_DIR ${config.dataDir} is a shared directory (sticky bit set): its mode was left as it is. Give Latchkey a directory of its own.`,
      'Files',
    );
  }
  // The rules that judge time (an expiry in the future) read the application's clock.
  app.useGlobalPipes(createValidationPipe(app.get(Clock)));
  app.enableShutdownHooks();

  const fastify = app.getHttpAdapter().getInstance();
  // The console speaks JSON only: without this, Fastify would accept text/plain bodies as strings.
  fastify.removeContentTypeParser('text/plain');
  installJsonBodyParser(fastify);

  SwaggerModule.setup(
    'docs',
    app,
    () =>
      describeHttpEdge(describePlatformApi(describeAuthApi(SwaggerModule.createDocument(app, openApiDescription(config)))), {
        consoleBodyLimitBytes: BODY_LIMIT_BYTES,
      }),
    { jsonDocumentUrl: 'docs/openapi.json' },
  );

  await app.init();
  await fastify.ready();
  return app;
}

/** Logs refused connections at most once a minute, with how many there were. */
function refusalReporter(logger: NestLogger): (address: string) => void {
  let refused = 0;
  let lastReport = 0;
  return (address) => {
    refused++;
    const now = Date.now();
    if (now - lastReport < 60_000) return;
    logger.warn(`Closed ${refused} connection(s) past the limit of open connections per client address (latest from ${address})`);
    refused = 0;
    lastReport = now;
  };
}

function openApiDescription(config: AppConfig) {
  return new DocumentBuilder()
    .setTitle('Latchkey')
    .setDescription(
      [
        'Credential console and OAuth token service: JWT credentials owned by users, bound to an environment and restricted to apps.',
        '',
        'Console API errors are `application/problem+json` (RFC 9457) with a stable `code` and, for validation failures, `errors: [{field, message}]`.',
        'Unknown body fields are rejected with 400. Resources of another organization are 404.',
        '',
        'On every route: a request whose headers and body have not all arrived within `REQUEST_TIMEOUT_MS` (default 15 s) is answered `408` ' +
          '(problem+json, `REQUEST_TIMEOUT`) and its connection closed. A body over the limit of its surface (console 64 KB; Auth and ' +
          'Platform APIs 16 KB, in their own error shapes) is answered `413` at once, and the server reads and discards the rest of it ' +
          '(up to 10 MiB, for at most 5 s) so that a client still sending receives the answer.',
      ].join('\n'),
    )
    .setVersion('1')
    .addServer(config.publicUrl)
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Console session token' }, 'session')
    .build();
}
