import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
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
];

/** The Auth API of both environments, which logs its own requests (see `exclude` below). */
export const AUTH_API_PATHS = ['restapi/oauth/*path', 'sandbox/restapi/oauth/*path'];

/** The request path without its query string and with path-borne secrets (invitation tokens) masked. */
export function loggablePath(url: string): string {
  return url.split('?')[0].replace(/(\/invitations\/)[^/]+(\/accept)/, '$1[redacted]$2');
}

export function loggerOptions(config: AppConfig, destination?: DestinationStream): Params {
  return {
    pinoHttp: [
      {
        level: config.logLevel,
        redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
        // Query strings can carry tokens (e.g. invitation links): log the path only.
        serializers: {
          req: (req: { id: unknown; method: string; url: string; headers: Record<string, unknown> }) => ({
            id: req.id,
            method: req.method,
            path: loggablePath(req.url),
            headers: req.headers,
          }),
        },
        customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      },
      destination ?? process.stdout,
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
