import type { ConsolePrincipal } from '../contracts';

/** The principal of each authenticated request, keyed by the request object itself. */
const principals = new WeakMap<object, ConsolePrincipal>();

export function setRequestPrincipal(request: object, principal: ConsolePrincipal): void {
  principals.set(request, principal);
}

export function requestPrincipal(request: object): ConsolePrincipal | undefined {
  return principals.get(request);
}
