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
    exclude: [
      { path: 'health', method: RequestMethod.GET },
      { path: 'ready', method: RequestMethod.GET },
    ],
  };
}
