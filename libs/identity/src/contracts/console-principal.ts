import type { ApiTokenScope } from './api-tokens';

/**
 * The authenticated caller of a console route, set on the request by `ConsoleAuthGuard` and read
 * with the `@Principal()` parameter decorator.
 */
export interface ConsolePrincipal {
  userId: string;
  email: string;
  /** The session presented, or null when the caller presented a console API token. */
  sessionId: string | null;
  /** Set when the caller presented a console API token: its id and the scopes it was granted. */
  apiToken?: { id: string; scopes: readonly ApiTokenScope[] };
}
