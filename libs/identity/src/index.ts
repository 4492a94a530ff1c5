export * from './identity.module';
export * from './contracts';
export { ConsoleAuthGuard } from './guards/console-auth.guard';
export { Principal } from './guards/principal.decorator';
export { requestPrincipal } from './guards/request-principal';
export { canonicalEmail, emailFormatProblem } from './users/email-address';
