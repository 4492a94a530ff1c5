import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ChangePasswordController } from './commands/change-password/change-password.controller';
import { ChangePasswordHandler } from './commands/change-password/change-password.handler';
import { ClearMfaHandler } from './commands/clear-mfa/clear-mfa.handler';
import { ConfirmTotpController } from './commands/confirm-totp/confirm-totp.controller';
import { ConfirmTotpHandler } from './commands/confirm-totp/confirm-totp.handler';
import { DisableTotpController } from './commands/disable-totp/disable-totp.controller';
import { DisableTotpHandler } from './commands/disable-totp/disable-totp.handler';
import { EnrolTotpController } from './commands/enrol-totp/enrol-totp.controller';
import { EnrolTotpHandler } from './commands/enrol-totp/enrol-totp.handler';
import { IssuePasswordResetHandler } from './commands/issue-password-reset/issue-password-reset.handler';
import { ResetPasswordController } from './commands/reset-password/reset-password.controller';
import { ResetPasswordHandler } from './commands/reset-password/reset-password.handler';
import { SessionCookieInterceptor } from './guards/session-cookie.interceptor';
import { GetMfaStatusHandler } from './queries/get-mfa-status/get-mfa-status.handler';
import { AccountSecurityProjection } from './read-models/account-security/account-security.projection';
import { AccountSecurityReadModel } from './read-models/account-security/account-security.read-model';
import { FreshProof } from './shared/account-security/fresh-proof';
import { SecondFactor } from './shared/account-security/second-factor';
import { SessionTermination } from './shared/account-security/session-termination';
import { CreateSandboxAccountController } from './commands/create-sandbox-account/create-sandbox-account.controller';
import { CreateSandboxAccountHandler } from './commands/create-sandbox-account/create-sandbox-account.handler';
import { DeactivateUserHandler } from './commands/deactivate-user/deactivate-user.handler';
import { EndSessionHandler } from './commands/end-session/end-session.handler';
import { LoginController } from './commands/log-in/log-in.controller';
import { LogInHandler } from './commands/log-in/log-in.handler';
import { LoginFailureRecorder } from './commands/log-in/login-failure-recorder';
import { LoginThrottle } from './commands/log-in/login-throttle';
import { LogoutController } from './commands/log-out/log-out.controller';
import { RegisterUserHandler } from './commands/register-user/register-user.handler';
import { RegisterServiceUserHandler } from './commands/register-service-user/register-service-user.handler';
import { StartSessionHandler } from './commands/start-session/start-session.handler';
import { CreateApiTokenHandler } from './commands/create-api-token/create-api-token.handler';
import { RevokeApiTokenController } from './commands/revoke-api-token/revoke-api-token.controller';
import { RevokeApiTokenHandler } from './commands/revoke-api-token/revoke-api-token.handler';
import { RevokeLeakedApiTokenHandler } from './commands/revoke-leaked-api-token/revoke-leaked-api-token.handler';
import { UserStatusLookup } from './contracts';
import { ApiTokenAdmission } from './guards/api-token-admission';
import { ListApiTokensController } from './queries/list-api-tokens/list-api-tokens.controller';
import { ListApiTokensHandler } from './queries/list-api-tokens/list-api-tokens.handler';
import { ListApiTokensCreatedByHandler } from './queries/list-api-tokens/list-api-tokens-created-by.handler';
import { ApiTokenProjection } from './read-models/api-tokens/api-token.projection';
import { ApiTokenActivity } from './shared/api-tokens/api-token-activity';
import { ConsoleAuthGuard } from './guards/console-auth.guard';
import { ConsoleAuthenticator } from './guards/console-authenticator';
import { GetUserByEnvironmentUserIdHandler } from './queries/get-user-by-environment-user-id/get-user-by-environment-user-id.handler';
import { GetUserHandler } from './queries/get-user/get-user.handler';
import { PublishUserRegisteredWhenUserRegistered } from './reactions/publish-user-registered-when-user-registered.reaction';
import { SessionProjection } from './read-models/sessions/session.projection';
import { UserSessions } from './read-models/sessions/user-sessions';
import { UserStatusIndex } from './read-models/users/user-status-index';
import { UserProjection } from './read-models/users/user.projection';
import { UserReadModel } from './read-models/users/user.read-model';
import { EnvironmentUserIds } from './shared/environment-user-ids';
import { PasswordHasher } from './shared/passwords/password-hasher';

/**
 * Users, console sessions and environment accounts, and their security (password change and
 * reset, two-factor sign-in). Its `ConsoleAuthGuard` authenticates every console route of every
 * module (the application's global guard) unless the route is `@Public()`. The application binds
 * `SecretSealer` (TOTP seeds are sealed through it) and may bind `SESSION_COOKIE_SETTINGS`.
 */
@Module({
  controllers: [
    LoginController,
    LogoutController,
    CreateSandboxAccountController,
    ChangePasswordController,
    ResetPasswordController,
    EnrolTotpController,
    ConfirmTotpController,
    DisableTotpController,
    ListApiTokensController,
    RevokeApiTokenController,
  ],
  providers: [
    PasswordHasher,
    LoginThrottle,
    LoginFailureRecorder,
    UserProjection,
    UserStatusIndex,
    { provide: UserStatusLookup, useExisting: UserStatusIndex },
    UserReadModel,
    SessionProjection,
    UserSessions,
    EnvironmentUserIds,
    ConsoleAuthenticator,
    ApiTokenProjection,
    ApiTokenActivity,
    ApiTokenAdmission,
    CreateApiTokenHandler,
    RevokeApiTokenHandler,
    RevokeLeakedApiTokenHandler,
    ListApiTokensHandler,
    ListApiTokensCreatedByHandler,
    ConsoleAuthGuard,
    { provide: APP_GUARD, useExisting: ConsoleAuthGuard },
    RegisterUserHandler,
    RegisterServiceUserHandler,
    StartSessionHandler,
    EndSessionHandler,
    LogInHandler,
    DeactivateUserHandler,
    CreateSandboxAccountHandler,
    GetUserHandler,
    GetUserByEnvironmentUserIdHandler,
    PublishUserRegisteredWhenUserRegistered,
    // Account security
    AccountSecurityProjection,
    AccountSecurityReadModel,
    SecondFactor,
    FreshProof,
    SessionTermination,
    SessionCookieInterceptor,
    ChangePasswordHandler,
    IssuePasswordResetHandler,
    ResetPasswordHandler,
    EnrolTotpHandler,
    ConfirmTotpHandler,
    DisableTotpHandler,
    ClearMfaHandler,
    GetMfaStatusHandler,
  ],
  exports: [ConsoleAuthenticator, UserStatusLookup, SessionCookieInterceptor],
})
export class IdentityModule {}
