import { RequestMethod } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { TrustedProxies } from '@latchkey/building-blocks';
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
];

/** The Auth API of both environments, which logs its own requests (see `exclude` below). */
export const AUTH_API_PATHS = ['restapi/oauth/*path', 'sandbox/restapi/oauth/*path'];

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
  /** How the client address of a raw request is resolved: the same rule as Fastify's request.ip. */
  proxies?: TrustedProxies;
}

export function loggerOptions(config: AppConfig, settings: LoggerSettings = {}): Params {
  const proxies = settings.proxies ?? new TrustedProxies(config.trustProxy);
  return {
    pinoHttp: [
      {
        level: config.logLevel,
        redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
        // Query strings can carry tokens (e.g. invitation links): log the path only.
        serializers: {
          req: (req: { id: unknown; method: string; url: string; headers: Record<string, unknown>; raw: IncomingMessage }) => ({
            id: req.id,
            method: req.method,
            path: loggablePath(req.url),
            // The client address as the throttles see it (behind a trusted proxy, the forwarded client).
            address: proxies.clientAddress(req.raw),
            headers: req.headers.referer === undefined ? req.headers : { ...req.headers, referer: loggableUrl(req.headers.referer) },
          }),
        },
        customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      },
      settings.destination ?? process.stdout,
    ],
    // Probes hit these every few seconds; their lines would drown the rest.
    //
    // The Auth API (token, revocation, introspection, JWKS, under both environments) is excluded
    // too: it answers thousands of requests a second, and a request line through pino-http (a
    // child logger, serializing and redacting the headers, a response listener) cost about a
    // seventh of a token request's CPU; excluding it raised the token benchmark's throughput by
    // about 15%. The Auth API logs for itself instead, at no cost per successful request: one line
    // for every answer with a 5xx status (request id, method, path without the query string,
    // status and response time; never a header or a body, so there is nothing to redact) and,
    // once a minute, one line with its answers counted by status. Console and Platform API
    // requests keep their request lines.
    exclude: [
      { path: 'health', method: RequestMethod.GET },
      { path: 'ready', method: RequestMethod.GET },
      ...AUTH_API_PATHS.map((path) => ({ path, method: RequestMethod.ALL })),
    ],
  };
}
