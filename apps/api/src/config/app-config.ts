import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Max, Min, ValidateIf, validateSync } from 'class-validator';
import { join, resolve } from 'node:path';
import type { EventStoreKind } from '@latchkey/event-store';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The environment variables Latchkey reads, validated at boot. */
class EnvironmentVariables {
  @IsOptional()
  @IsInt({ message: 'PORT must be an integer' })
  @Min(0)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @IsString()
  HOST?: string;

  @IsOptional()
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: 'PUBLIC_URL must be an http(s) URL, e.g. https://auth.example.com' },
  )
  PUBLIC_URL?: string;

  @IsOptional()
  @IsString()
  DATA_DIR?: string;

  @IsOptional()
  @IsIn(['sqlite', 'eventstoredb', 'memory'], { message: 'EVENT_STORE must be one of sqlite, eventstoredb, memory' })
  EVENT_STORE?: EventStoreKind;

  @ValidateIf((env: EnvironmentVariables) => env.EVENT_STORE === 'eventstoredb')
  @IsString({ message: 'EVENTSTORE_CONNECTION_STRING is required when EVENT_STORE=eventstoredb (e.g. esdb://localhost:2113?tls=false)' })
  EVENTSTORE_CONNECTION_STRING?: string;

  @IsOptional()
  @IsString()
  KEYS_FILE?: string;

  @IsOptional()
  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL?: LogLevel;
}

export interface AppConfig {
  port: number;
  host: string;
  /** The production issuer, without a trailing slash. */
  publicUrl: string;
  dataDir: string;
  eventStore: EventStoreKind;
  eventStoreConnectionString?: string;
  logLevel: LogLevel;
  /** The signing key ring: KEYS_FILE, else `keys.json` in DATA_DIR; null (in memory) with the memory store. */
  keysFile: string | null;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads and validates the configuration, failing with one message that names every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')) as Record<string, string>;
  const parsed = plainToInstance(EnvironmentVariables, {
    ...raw,
    PORT: raw.PORT === undefined ? undefined : /^\d+$/.test(raw.PORT) ? Number(raw.PORT) : raw.PORT,
  });
  const errors = validateSync(parsed, { whitelist: false, forbidUnknownValues: false });
  if (errors.length > 0) {
    const lines = errors.flatMap((e) => Object.values(e.constraints ?? {}));
    throw new ConfigError(`Invalid configuration:\n  - ${lines.join('\n  - ')}`);
  }
  const port = parsed.PORT ?? 3000;
  const dataDir = resolve(parsed.DATA_DIR ?? './data');
  const eventStore = parsed.EVENT_STORE ?? 'sqlite';
  return {
    port,
    host: parsed.HOST ?? '0.0.0.0',
    publicUrl: (parsed.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    dataDir,
    eventStore,
    eventStoreConnectionString: parsed.EVENTSTORE_CONNECTION_STRING,
    logLevel: parsed.LOG_LEVEL ?? 'info',
    keysFile: parsed.KEYS_FILE ? resolve(parsed.KEYS_FILE) : eventStore === 'memory' ? null : join(dataDir, 'keys.json'),
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
