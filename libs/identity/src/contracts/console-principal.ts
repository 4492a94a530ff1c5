/**
 * The authenticated caller of a console route, set on the request by `ConsoleAuthGuard` and read
 * with the `@Principal()` parameter decorator.
 */
export interface ConsolePrincipal {
  userId: string;
  email: string;
  sessionId: string;
}
