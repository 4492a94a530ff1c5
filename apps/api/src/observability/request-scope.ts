import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from 'pino';

/** What the code serving a request can learn of it without being handed it: its logger (bound to its id) and its trace context. */
export interface RequestScope {
  logger: Logger | null;
  /** An OpenTelemetry context, when tracing. */
  trace: unknown;
}

export const requestScope = new AsyncLocalStorage<RequestScope>();

/*
 * Entering an AsyncLocalStorage turns on async hooks that then run for every promise and async
 * resource the process creates, for requests that carry no scope as well: 10–20 µs of a token
 * request's 150–200 µs of CPU in the token benchmark. So the scope is on only while a
 * request that carries one is in flight, and turned off when the last of them is answered: Auth
 * API requests (which carry none unless tracing) pay nothing while no console request is being
 * served. Work a request leaves running after its answer then logs without the request's id.
 * Tracing enters the scope outside requests too (spans of background work): once it does, the
 * scope stays on.
 */
let requestsInScope = 0;
let keptOn = false;

/** Runs `next` in `scope` and counts its request as in flight until `leaveRequestScope`. */
export function enterRequestScope(scope: RequestScope, next: () => void): void {
  requestsInScope++;
  requestScope.run(scope, next);
}

/** The request entered with `enterRequestScope` is answered (or abandoned). */
export function leaveRequestScope(): void {
  requestsInScope--;
  if (requestsInScope === 0 && !keptOn) requestScope.disable();
}

/** Keeps the scope on for the life of the process (tracing). */
export function keepRequestScopeOn(): void {
  keptOn = true;
}

/** Whether the scope's async hooks may be running (a request in flight carries a scope, or it is kept on). */
export function requestScopeInUse(): boolean {
  return requestsInScope > 0 || keptOn;
}
