import { Global, Module, type OnModuleInit } from '@nestjs/common';
import { IntegrationEventBus, ProjectionRunner, ReactorRunner } from '@latchkey/event-store';
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
import { IdentityClock } from './shared/identity-clock';
import { LoginThrottle } from './throttling/login-throttle';
import { DeactivateUserHandler } from './users/deactivate-user/deactivate-user.handler';
import { MemberRemovedListener } from './users/deactivate-user/member-removed.listener';
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
 * Users, console sessions and environment accounts. Global so that any module's console
 * controllers can use `ConsoleAuthGuard` without importing this one.
 */
@Global()
@Module({
  controllers: [LoginController, LogoutController, CreateSandboxAccountController],
  providers: [
    IdentityClock,
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
    RegisterUserHandler,
    StartSessionHandler,
    EndSessionHandler,
    LogInHandler,
    DeactivateUserHandler,
    CreateSandboxAccountHandler,
    GetUserHandler,
    GetUserByEnvironmentUserIdHandler,
    MemberRemovedListener,
    UserRegisteredReactor,
  ],
  exports: [ConsoleAuthGuard, ConsoleAuthenticator, IdentityClock, UserStatusLookup],
})
export class IdentityModule implements OnModuleInit {
  constructor(
    private readonly projections: ProjectionRunner,
    private readonly reactors: ReactorRunner,
    private readonly integrationEvents: IntegrationEventBus,
    /** The users projection, with the status of each user kept in memory beside its rows. */
    private readonly users: UserStatusIndex,
    private readonly sessions: SessionProjection,
    private readonly memberRemoved: MemberRemovedListener,
    private readonly hasher: PasswordHasher,
    private readonly userRegistered: UserRegisteredReactor,
  ) {}

  onModuleInit(): void {
    this.projections.register(this.users, this.sessions);
    this.reactors.register(this.userRegistered);
    this.memberRemoved.subscribe(this.integrationEvents);
    // The first login for an unknown address would otherwise pay for the dummy hash on top of its check.
    void this.hasher.prepare().catch(() => undefined);
  }
}
