import { Module, type OnModuleInit } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { UserStatusLookup } from './contracts';
import { ConsoleAuthGuard } from './guards/console-auth.guard';
import { ConsoleAuthenticator } from './guards/console-authenticator';
import { CreateSandboxAccountController } from './sandbox/create-sandbox-account/create-sandbox-account.controller';
import { CreateSandboxAccountHandler } from './sandbox/create-sandbox-account/create-sandbox-account.handler';
import { EndSessionHandler } from './sessions/end-session/end-session.handler';
import { LoginController } from './sessions/login/login.controller';
import { LogInHandler } from './sessions/login/login.handler';
import { LogoutController } from './sessions/logout/logout.controller';
import { SessionProjection } from './sessions/session.projection';
import { StartSessionHandler } from './sessions/start-session/start-session.handler';
import { UserSessions } from './sessions/user-sessions';
import { LoginThrottle } from './throttling/login-throttle';
import { DeactivateUserHandler } from './users/deactivate-user/deactivate-user.handler';
import { GetUserByEnvironmentUserIdHandler } from './users/get-user/get-user-by-environment-user-id.handler';
import { GetUserHandler } from './users/get-user/get-user.handler';
import { PasswordHasher } from './users/passwords/password-hasher';
import { RegisterUserHandler } from './users/register-user/register-user.handler';
import { UserRegisteredReactor } from './users/register-user/user-registered.reactor';
import { EnvironmentUserIds } from './users/reservations/environment-user-ids';
import { UserProjection } from './users/user.projection';
import { UserReadModel } from './users/user-read-model';
import { UserStatusIndex } from './users/user-status-index';

/**
 * Users, console sessions and environment accounts. Its `ConsoleAuthGuard` authenticates every
 * console route of every module (the application's global guard) unless the route is `@Public()`.
 */
@Module({
  controllers: [LoginController, LogoutController, CreateSandboxAccountController],
  providers: [
    PasswordHasher,
    LoginThrottle,
    UserProjection,
    UserStatusIndex,
    { provide: UserStatusLookup, useExisting: UserStatusIndex },
    UserReadModel,
    SessionProjection,
    UserSessions,
    EnvironmentUserIds,
    ConsoleAuthenticator,
    ConsoleAuthGuard,
    { provide: APP_GUARD, useExisting: ConsoleAuthGuard },
    RegisterUserHandler,
    StartSessionHandler,
    EndSessionHandler,
    LogInHandler,
    DeactivateUserHandler,
    CreateSandboxAccountHandler,
    GetUserHandler,
    GetUserByEnvironmentUserIdHandler,
    UserRegisteredReactor,
  ],
  exports: [ConsoleAuthenticator, UserStatusLookup],
})
export class IdentityModule implements OnModuleInit {
  constructor(private readonly hasher: PasswordHasher) {}

  onModuleInit(): void {
    // The first login for an unknown address would otherwise pay for the dummy hash on top of its check.
    void this.hasher.prepare().catch(() => undefined);
  }
}
