import type { LoggerService } from '@nestjs/common';
import type { Logger } from 'pino';
import { requestScope } from '../observability/request-scope';

type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/** Nest's start-up lines listing every controller and route: useful when debugging, noise otherwise. */
const ROUTE_MAPPING_CONTEXTS = new Set(['RoutesResolver', 'RouterExplorer']);

/**
 * Nest's logger service over pino. Inside a request, lines go through the request's child logger
 * (they carry its `reqId`). Accepts Nest's calls (`log(message, context)`, `error(message, stack,
 * context)`) and pino's (`log({ err }, message)`, the context last): the context is a field,
 * objects are merged into the line.
 */
export class PinoLoggerService implements LoggerService {
  constructor(private readonly root: Logger) {}

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    const fields: Record<string, unknown> = {};
    // Nest's Logger passes its context last.
    const rest = params.length > 0 ? params.slice(0, -1) : params;
    if (params.length > 0) fields.context = params[params.length - 1];
    if (level === 'info' && ROUTE_MAPPING_CONTEXTS.has(fields.context as string)) level = 'debug';
    const logger = requestScope.getStore()?.logger ?? this.root;
    if (!logger.isLevelEnabled(level)) return;
    if (message instanceof Error) {
      fields.err = message;
      logger[level](fields, ...(rest as [string?]));
    } else if (typeof message === 'object' && message !== null) {
      Object.assign(fields, message);
      logger[level](fields, ...(rest as [string?]));
    } else if (level === 'error' && rest.length === 1 && typeof rest[0] === 'string' && /\n\s*at /.test(rest[0])) {
      // Nest's own handlers call error(message, stack, context).
      const error = new Error(String(message));
      error.stack = rest[0];
      fields.err = error;
      logger.error(fields, String(message));
    } else {
      logger[level](fields, String(message), ...rest);
    }
  }
}
