import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, ValidateIf, validateSync } from 'class-validator';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { splitTrustProxy, trustProxyEntryProblem } from '@latchkey/building-blocks';
import type { EventStoreKind } from '@latchkey/event-store';
import { MasterKey, MasterKeyError } from '@latchkey/keys';
import { cidrProblem, splitCidrList } from '@latchkey/webhooks';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export const DEFAULT_METRICS_PORT = 9464;

const SIGNUP_MODES = ['open', 'invite-only'] as const;
export type SignupMode = (typeof SIGNUP_MODES)[number];

/** Bounds of REQUEST_TIMEOUT_MS: long enough for a slow mobile link, short enough to matter. */
export const REQUEST_TIMEOUT_BOUNDS_MS = { min: 100, max: 600_000, default: 15_000 } as const;

/** The shortest SETUP_TOKEN accepted: it is all that stands between a fresh deployment and its first visitor. */
export const MIN_SETUP_TOKEN_LENGTH = 16;

/** Sign-ups plus invitation acceptances allowed per client address and window. */
export interface RateLimit {
  count: number;
  windowSeconds: number;
}

const SIGNUP_RATE_LIMIT_DEFAULT = '10/600';
const RATE_LIMIT = /^([1-9][0-9]{0,6})\/([1-9][0-9]{0,5})$/;
const MAX_RATE_LIMIT_WINDOW_SECONDS = 86_400;

/** `memory`, or a Redis URL (the scheme is all that is checked here: the URL may carry a password, never echoed). */
const THROTTLE_STORE = /^(memory|rediss?:\/\/\S+)$/;

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

  /** Parsed in `loadConfig` (32 bytes, base64), never echoed. */
  @IsOptional()
  @IsString()
  MASTER_KEY?: string;

  @IsOptional()
  @IsString()
  MASTER_KEY_FILE?: string;

  @IsOptional()
  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL?: LogLevel;

  @IsOptional()
  @IsIn(LOG_FORMATS, { message: `LOG_FORMAT must be one of ${LOG_FORMATS.join(', ')}` })
  LOG_FORMAT?: LogFormat;

  @IsOptional()
  @IsInt({ message: 'METRICS_PORT must be an integer, 0 (off) to 65535' })
  @Min(0, { message: 'METRICS_PORT must be an integer, 0 (off) to 65535' })
  @Max(65535, { message: 'METRICS_PORT must be an integer, 0 (off) to 65535' })
  METRICS_PORT?: number;

  @IsOptional()
  @IsString()
  METRICS_HOST?: string;

  @IsOptional()
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: 'OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL, e.g. http://collector:4318' },
  )
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  /** Checked entry by entry in `loadConfig`, with the kernel's rule (the one Fastify is given). */
  @IsOptional()
  @IsString()
  TRUST_PROXY?: string;

  @IsOptional()
  @IsInt({
    message: `REQUEST_TIMEOUT_MS must be an integer number of milliseconds, ${REQUEST_TIMEOUT_BOUNDS_MS.min} to ${REQUEST_TIMEOUT_BOUNDS_MS.max}`,
  })
  @Min(REQUEST_TIMEOUT_BOUNDS_MS.min, { message: `REQUEST_TIMEOUT_MS must be at least ${REQUEST_TIMEOUT_BOUNDS_MS.min}` })
  @Max(REQUEST_TIMEOUT_BOUNDS_MS.max, { message: `REQUEST_TIMEOUT_MS must be at most ${REQUEST_TIMEOUT_BOUNDS_MS.max}` })
  REQUEST_TIMEOUT_MS?: number;

  @IsOptional()
  @IsIn(SIGNUP_MODES, { message: `SIGNUP must be one of ${SIGNUP_MODES.join(', ')}` })
  SIGNUP?: SignupMode;

  @ValidateIf((env: EnvironmentVariables) => env.SIGNUP === 'invite-only' || env.SETUP_TOKEN !== undefined)
  @IsString({ message: 'SETUP_TOKEN is required when SIGNUP=invite-only (the one sign-up that bootstraps the installation must carry it)' })
  @MinLength(MIN_SETUP_TOKEN_LENGTH, { message: `SETUP_TOKEN must be at least ${MIN_SETUP_TOKEN_LENGTH} characters (e.g. \`openssl rand -hex 32\`)` })
  SETUP_TOKEN?: string;

  @IsOptional()
  @Matches(RATE_LIMIT, { message: 'SIGNUP_RATE_LIMIT must be count/seconds, e.g. 10/600' })
  SIGNUP_RATE_LIMIT?: string;

  /** Checked entry by entry in `loadConfig`. */
  @IsOptional()
  @IsString()
  WEBHOOKS_ALLOW_PRIVATE?: string;

  @IsOptional()
  @Matches(THROTTLE_STORE, { message: 'THROTTLE_STORE must be memory or a redis:// or rediss:// URL, e.g. redis://redis.internal:6379' })
  THROTTLE_STORE?: string;
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
  /** LOG_FORMAT: one JSON object per line, or pino-pretty's lines for a terminal. */
  logFormat: LogFormat;
  /** METRICS_PORT and METRICS_HOST: where Prometheus scrapes `/metrics`; null when METRICS_PORT=0. Never the public port. */
  metrics: { port: number; host: string } | null;
  /** OTEL_EXPORTER_OTLP_ENDPOINT: the OTLP/HTTP collector traces go to; null: no tracing. */
  otlpEndpoint: string | null;
  /** An earlier version's key ring file, imported into the store once: KEYS_FILE, else `keys.json` in DATA_DIR; null with the memory store. */
  keysFile: string | null;
  /**
   * MASTER_KEY or MASTER_KEY_FILE: seals the key ring's private material. Null: `master.key` in
   * DATA_DIR (created on first start) with the embedded store, a key in memory with the memory store.
   */
  masterKey: MasterKey | null;
  /** TRUST_PROXY: the reverse proxies whose `X-Forwarded-For` is believed (IPs, CIDRs, `loopback`); empty: none. */
  trustProxy: readonly string[];
  /** REQUEST_TIMEOUT_MS: a request whose headers and body have not all arrived by then is answered 408. */
  requestTimeoutMs: number;
  /** SIGNUP: `open`, or `invite-only` (sign-up refused except the bootstrapping one, which needs `setupToken`). */
  signup: SignupMode;
  /** SETUP_TOKEN: required with `invite-only`; null otherwise when unset. */
  setupToken: string | null;
  /** SIGNUP_RATE_LIMIT: sign-ups plus invitation acceptances per client address and window. */
  signupRateLimit: RateLimit;
  /** THROTTLE_STORE: `memory` (failure counters per instance) or a `redis://`/`rediss://` URL shared by every instance. */
  throttleStore: string;
  /** WEBHOOKS_ALLOW_PRIVATE: CIDRs of private targets webhook deliveries may reach (and over http); link-local never. */
  webhooksAllowPrivate: readonly string[];
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads and validates the configuration, failing with one message that names every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, stdoutIsTerminal = process.stdout.isTTY === true): AppConfig {
  const raw = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')) as Record<string, string>;
  const parsed = plainToInstance(EnvironmentVariables, {
    ...raw,
    PORT: integerOrText(raw.PORT),
    REQUEST_TIMEOUT_MS: integerOrText(raw.REQUEST_TIMEOUT_MS),
    METRICS_PORT: integerOrText(raw.METRICS_PORT),
  });
  const errors = validateSync(parsed, { whitelist: false, forbidUnknownValues: false });
  const lines = errors.flatMap((e) => Object.values(e.constraints ?? {}));
  const trustProxy = parsed.TRUST_PROXY === undefined ? [] : splitTrustProxy(parsed.TRUST_PROXY);
  for (const entry of trustProxy) {
    const problem = trustProxyEntryProblem(entry);
    if (problem) lines.push(`TRUST_PROXY must be comma-separated IPs, CIDR ranges or loopback: ${problem}`);
  }
  const signupRateLimit = parseRateLimit(parsed.SIGNUP_RATE_LIMIT ?? SIGNUP_RATE_LIMIT_DEFAULT);
  if (signupRateLimit && signupRateLimit.windowSeconds > MAX_RATE_LIMIT_WINDOW_SECONDS) {
    lines.push(`SIGNUP_RATE_LIMIT's window must be at most ${MAX_RATE_LIMIT_WINDOW_SECONDS} seconds`);
  }
  const webhooksAllowPrivate = parsed.WEBHOOKS_ALLOW_PRIVATE === undefined ? [] : splitCidrList(parsed.WEBHOOKS_ALLOW_PRIVATE);
  for (const entry of webhooksAllowPrivate) {
    const problem = cidrProblem(entry);
    if (problem) lines.push(`WEBHOOKS_ALLOW_PRIVATE must be comma-separated IP addresses or CIDR ranges (e.g. 10.0.0.0/8): ${problem}`);
  }
  const masterKey = readMasterKey(parsed, lines);
  const throttleStore = parsed.THROTTLE_STORE ?? 'memory';
  if (THROTTLE_STORE.test(throttleStore) && throttleStore !== 'memory' && !hasHost(throttleStore)) {
    lines.push('THROTTLE_STORE must be a URL with a host, e.g. redis://redis.internal:6379');
  }
  const port = parsed.PORT ?? 3000;
  const metricsPort = parsed.METRICS_PORT ?? DEFAULT_METRICS_PORT;
  if (metricsPort !== 0 && metricsPort === port)
    lines.push(`METRICS_PORT must differ from PORT (${port}): metrics are never served on the public port`);
  if (lines.length > 0) throw new ConfigError(`Invalid configuration:\n  - ${lines.join('\n  - ')}`);
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
    logFormat: parsed.LOG_FORMAT ?? (stdoutIsTerminal ? 'pretty' : 'json'),
    metrics: metricsPort === 0 ? null : { port: metricsPort, host: parsed.METRICS_HOST ?? '127.0.0.1' },
    otlpEndpoint: parsed.OTEL_EXPORTER_OTLP_ENDPOINT?.replace(/\/+$/, '') ?? null,
    keysFile: eventStore === 'memory' ? null : parsed.KEYS_FILE ? resolve(parsed.KEYS_FILE) : join(dataDir, 'keys.json'),
    masterKey,
    trustProxy,
    requestTimeoutMs: parsed.REQUEST_TIMEOUT_MS ?? REQUEST_TIMEOUT_BOUNDS_MS.default,
    signup: parsed.SIGNUP ?? 'open',
    setupToken: parsed.SETUP_TOKEN ?? null,
    signupRateLimit: signupRateLimit!,
    throttleStore,
    webhooksAllowPrivate,
  };
}

/** The master key from MASTER_KEY or MASTER_KEY_FILE; a problem is added to `lines` by the variable's name, never with its value. */
function readMasterKey(env: EnvironmentVariables, lines: string[]): MasterKey | null {
  const { MASTER_KEY: text, MASTER_KEY_FILE: file } = env;
  if (text !== undefined && file !== undefined) {
    lines.push('Set MASTER_KEY or MASTER_KEY_FILE, not both');
    return null;
  }
  if (text === undefined && file === undefined) {
    if (env.EVENT_STORE === 'eventstoredb') {
      lines.push(
        'MASTER_KEY (or MASTER_KEY_FILE) is required when EVENT_STORE=eventstoredb: every instance opens the key ring in the store with it (e.g. `openssl rand -base64 32`)',
      );
    }
    return null;
  }
  let source: string;
  if (text !== undefined) {
    source = text;
  } else {
    try {
      source = readFileSync(file!, 'utf8');
    } catch (error) {
      lines.push(`MASTER_KEY_FILE ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      return null;
    }
  }
  try {
    return MasterKey.parse(source, text !== undefined ? 'MASTER_KEY' : 'MASTER_KEY_FILE');
  } catch (error) {
    if (!(error instanceof MasterKeyError)) throw error;
    lines.push(error.message);
    return null;
  }
}

/** A plain decimal integer as a number; anything else as it was written, for the validator to name. */
function integerOrText(value: string | undefined): number | string | undefined {
  return value === undefined ? undefined : /^\d{1,15}$/.test(value) ? Number(value) : value;
}

function hasHost(url: string): boolean {
  try {
    return new URL(url).hostname !== '';
  } catch {
    return false;
  }
}

function parseRateLimit(value: string): RateLimit | null {
  const match = RATE_LIMIT.exec(value);
  return match ? { count: Number(match[1]), windowSeconds: Number(match[2]) } : null;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
