import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { join } from 'node:path';
import type { DestinationStream } from 'pino';
import { AuditModule } from '@latchkey/audit';
import { BuildingBlocksModule, type Clock, Metrics, ProblemDetailsFilter, Tracing, TrustedProxies } from '@latchkey/building-blocks';
import { CredentialsModule } from '@latchkey/credentials';
import { EventStoreModule } from '@latchkey/event-store';
import { IdentityModule, SecretSealer, SESSION_COOKIE_SETTINGS, type SessionCookieSettings } from '@latchkey/identity';
import { KeysModule, LEGACY_REFRESH_TOKEN_SECRET_FILE, MasterKeySealing } from '@latchkey/keys';
import { OrganizationsModule, SIGNUP_SETTINGS, type SignupSettings } from '@latchkey/organizations';
import { PlatformApiModule } from '@latchkey/platform-api';
import { TokenIssuanceModule } from '@latchkey/token-issuance';
import { WEBHOOKS_SETTINGS, WebhooksModule, type WebhooksSettings } from '@latchkey/webhooks';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { ConsoleModule } from './console/console.module';
import { HealthController } from './health/health.controller';
import { Observability } from './observability/observability';

export interface AppModuleOptions {
  /** Where log lines go (default stdout); tests capture them to look for leaked secrets. */
  logDestination?: DestinationStream;
  /** Extra modules mounted beside the product's (tests use it for probe routes). */
  extraModules?: Type[];
  /** Where the built console is (default: `dist/console`); tests point it at a directory of their own. */
  consoleRoot?: string;
  /** The clock of the whole application (default: the system clock); tests move time with a ManualClock. */
  clock?: Clock;
}

@Module({})
export class AppModule {
  /**
   * `proxies`: the trusted proxies compiled once, shared with the HTTP server; `observability`: the
   * logger, metrics and tracing the HTTP edge uses too (see `createApp`).
   */
  static forRoot(config: AppConfig, options: AppModuleOptions, proxies: TrustedProxies, observability: Observability): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        BuildingBlocksModule.forRoot({ throttleStore: config.throttleStore, clock: options.clock }),
        EventStoreModule.forRoot({
          kind: config.eventStore,
          dataDir: config.dataDir,
          connectionString: config.eventStoreConnectionString,
        }),
        IdentityModule,
        OrganizationsModule,
        CredentialsModule,
        KeysModule.forRoot({
          publicUrl: config.publicUrl,
          masterKey: config.masterKey,
          dataDir: config.eventStore === 'memory' ? null : config.dataDir,
          legacyFiles:
            config.eventStore === 'memory'
              ? null
              : { keysFile: config.keysFile, refreshTokenSecretFile: join(config.dataDir, LEGACY_REFRESH_TOKEN_SECRET_FILE) },
        }),
        TokenIssuanceModule,
        PlatformApiModule,
        AuditModule,
        WebhooksModule,
        ConsoleModule.forRoot(options.consoleRoot),
        ...(options.extraModules ?? []),
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        {
          provide: SIGNUP_SETTINGS,
          useValue: {
            signup: config.signup,
            ...(config.setupToken ? { setupToken: config.setupToken } : {}),
            signupRateLimit: { count: config.signupRateLimit.count, seconds: config.signupRateLimit.windowSeconds },
          } satisfies SignupSettings,
        },
        // Identity seals TOTP seeds with a key derived from the master key, which only the keys module holds.
        { provide: SecretSealer, inject: [MasterKeySealing], useFactory: (sealing: MasterKeySealing) => sealing.forPurpose('identity secrets') },
        { provide: SESSION_COOKIE_SETTINGS, useValue: { secure: config.publicUrl.startsWith('https:') } satisfies SessionCookieSettings },
        { provide: WEBHOOKS_SETTINGS, useValue: { allowPrivate: config.webhooksAllowPrivate } satisfies WebhooksSettings },
        // For code that sees raw Node requests: the client address, as Fastify's request.ip has it.
        { provide: TrustedProxies, useValue: proxies },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: Observability, useValue: observability },
        { provide: Metrics, useValue: observability.metrics },
        { provide: Tracing, useValue: observability.tracing },
      ],
      exports: [APP_CONFIG, TrustedProxies, SIGNUP_SETTINGS, WEBHOOKS_SETTINGS, Metrics, Tracing, SecretSealer, SESSION_COOKIE_SETTINGS],
      global: true,
    };
  }
}
