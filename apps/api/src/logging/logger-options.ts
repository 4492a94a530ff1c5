import type { FastifyRequest } from 'fastify';
import { type DestinationStream, type Logger, pino } from 'pino';
import type { AppConfig } from '../config/app-config';

/**
 * Paths removed from every log line. Request bodies are never logged; these cover headers and any
 * object a handler logs that may carry a secret.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.secret',
  '*.clientSecret',
  '*.client_secret',
  '*.assertion',
  '*.token',
  '*.jwt',
  '*.access_token',
  '*.refresh_token',
  '*.setupToken',
  '*.currentPassword',
  '*.newPassword',
  '*.totp',
  '*.recoveryCodes',
];

/** A path separator as it arrives: `/`, or percent-encoded. */
const SEP = String.raw`(?:/|%2f)`;

/**
 * Path segments that are secrets, masked in every logged path:
 * - the segment after `invitations` (the invitation token: the console's `/invitations/<token>`
 *   page link, the API's `/console/v1/invitations/<token>/accept`, and any other spelling of it,
 *   whatever the case or an encoded separator);
 * - any segment shaped like one of Latchkey's bearer secrets, wherever a client put it by mistake:
 *   a JWT (a credential, an access token), a console API token (`lkc_`) or a refresh token (`lkr1.`).
 */
const PATH_SECRETS: readonly RegExp[] = [
  new RegExp(String.raw`(${SEP}invitations${SEP})(?:(?!${SEP})[^/?#])+`, 'gi'),
  new RegExp(String.raw`(^|${SEP})(?:eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_.-]*|lkc_[A-Za-z0-9]+|lkr1\.[A-Za-z0-9_.-]+)(?=${SEP}|$)`, 'gi'),
];

/** The request path without its query string (it can carry tokens), with path-borne secrets masked. */
export function loggablePath(url: string): string {
  let path = url.split('?')[0].split('#')[0];
  for (const pattern of PATH_SECRETS) path = path.replace(pattern, '$1[redacted]');
  return path;
}

/** A logged URL header (`Referer`): the page a console request came from can be an invitation link. */
function loggableUrl(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const match = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)?(.*)$/i.exec(value)!;
  return (match[1] ?? '') + loggablePath(match[2]);
}

export interface LoggerSettings {
  /** Where log lines go (default stdout). */
  destination?: DestinationStream;
}

/**
 * The one pino logger of the application: Nest's logger service and the request lines write
 * through it (children bound to a request id). JSON lines, or pino-pretty's lines for a terminal;
 * the same redaction either way (it happens before the line is formatted).
 */
export function createRootLogger(config: Pick<AppConfig, 'logLevel' | 'logFormat'>, settings: LoggerSettings = {}): Logger {
  const options = { level: config.logLevel, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
  if (config.logFormat === 'pretty') {
    // Loaded only for this format: about 1 MB of heap a JSON-logging server does not need.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pretty = require('pino-pretty') as typeof import('pino-pretty');
    const toTerminal = settings.destination === undefined;
    return pino(options, pretty({ destination: settings.destination ?? 1, sync: true, colorize: toTerminal && pretty.isColorSupported }));
  }
  return pino(options, settings.destination ?? process.stdout);
}

/** A request as its log line has it. Query strings can carry tokens (e.g. invitation links): the path only. Never the body. */
export function loggableRequest(request: FastifyRequest): Record<string, unknown> {
  const { headers } = request;
  return {
    id: request.id,
    method: request.method,
    path: loggablePath(request.url),
    // The client address as the throttles see it (behind a trusted proxy, the forwarded client).
    address: request.ip,
    headers: headers.referer === undefined ? headers : { ...headers, referer: loggableUrl(headers.referer) },
  };
}

/** The level of a request's line: error for 5xx, warn for 4xx, info otherwise. */
export const requestLogLevel = (statusCode: number): 'error' | 'warn' | 'info' => (statusCode >= 500 ? 'error' : statusCode >= 400 ? 'warn' : 'info');
