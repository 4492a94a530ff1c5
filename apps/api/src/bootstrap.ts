import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from 'nestjs-pino';
import { createValidationPipe, sendProblem } from '@latchkey/building-blocks';
import { describePlatformApi } from '@latchkey/platform-api';
import { describeAuthApi } from '@latchkey/token-issuance';
import { AppModule, type AppModuleOptions } from './app.module';
import type { AppConfig } from './config/app-config';
import { installJsonBodyParser } from './http/json-body-parser';

/** Console bodies are small; anything larger is refused before it is parsed. */
const BODY_LIMIT_BYTES = 64 * 1024;

/** Builds the application (not yet listening): used by `main.ts` and by the end-to-end tests. */
export async function createApp(config: AppConfig, options: AppModuleOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    routerOptions: { maxParamLength: 1024 },
    return503OnClosing: true,
    // Router errors (malformed or over-long URLs) happen before Nest sees the request.
    frameworkErrors: (error: Error, _request: FastifyRequest, reply: FastifyReply) => sendProblem(reply, error),
    forceCloseConnections: 'idle',
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, options), adapter, {
    bufferLogs: true,
    // Bodies are parsed by the parsers installed below (console JSON) and by the Auth API's own.
    bodyParser: false,
  });
  const logger = app.get(Logger);
  app.useLogger(logger);
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  const fastify = app.getHttpAdapter().getInstance();
  // The console speaks JSON only: without this, Fastify would accept text/plain bodies as strings.
  fastify.removeContentTypeParser('text/plain');
  installJsonBodyParser(fastify);

  SwaggerModule.setup('docs', app, () => describePlatformApi(describeAuthApi(SwaggerModule.createDocument(app, openApiDescription(config)))), {
    jsonDocumentUrl: 'docs/openapi.json',
  });

  await app.init();
  await fastify.ready();
  return app;
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
      ].join('\n'),
    )
    .setVersion('1')
    .addServer(config.publicUrl)
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Console session token' }, 'session')
    .build();
}
