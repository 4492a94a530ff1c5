export * from './identity.module';
export * from './contracts';
// The console's authentication, which other modules' routes rely on.
export { ConsoleAuthGuard } from './guards/console-auth.guard';
export { Principal } from './guards/principal.decorator';
export { requestPrincipal } from './guards/request-principal';
// What each console route asks of a console API token, next to its role check.
export {
  NoScopeRequired,
  REQUIRED_SCOPE,
  RequireScope,
  type ScopeRequirement,
  scopeRequirementOf,
  SessionOnly,
} from './guards/require-scope.decorator';
// The one canonical form of an e-mail address, for modules that compare addresses with a user's (invitations).
export { canonicalEmail, emailFormatProblem } from './shared/email-address';
// The rules of a registration's fields, for the bodies that register a user (sign-up, invitation acceptance).
export { registrationErrors } from './commands/register-user/registration-rules';
// The session cookie: routes of other modules that open a session set it (sign-up, an invitation's acceptance).
export { IssuesSessionCookie } from './guards/session-cookie.interceptor';
export { SESSION_COOKIE, SESSION_COOKIE_SETTINGS, type SessionCookieSettings } from './shared/session-cookie';
