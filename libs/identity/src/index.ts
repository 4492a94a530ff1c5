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
