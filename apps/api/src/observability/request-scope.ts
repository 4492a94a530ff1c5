import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from 'pino';

/** What the code serving a request can learn of it without being handed it: its logger (bound to its id) and its trace context. */
export interface RequestScope {
  logger: Logger | null;
  /** An OpenTelemetry context, when tracing. */
  trace: unknown;
}

export const requestScope = new AsyncLocalStorage<RequestScope>();
