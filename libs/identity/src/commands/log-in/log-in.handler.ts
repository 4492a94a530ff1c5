import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainError, isDomainError } from '@latchkey/building-blocks';
import { StartSessionCommand } from '../../contracts';
import { LoginFailureRecorder } from './login-failure-recorder';
import { LoginThrottle } from './login-throttle';
import { canonicalEmail } from '../../shared/email-address';
import { PasswordHasher } from '../../shared/passwords/password-hasher';
import { UserReadModel } from '../../read-models/users/user.read-model';
import { SecondFactor } from '../../shared/account-security/second-factor';
import { type LoggedIn, LogInCommand } from './log-in.command';

export const invalidLogin = () => new DomainError('unauthenticated', 'INVALID_LOGIN', 'The e-mail address or password is incorrect');
export const mfaRequired = () =>
  new DomainError('unauthenticated', 'MFA_REQUIRED', 'Two-factor sign-in is on: give the code of your authenticator app (or a recovery code)');

/**
 * One answer for every failure (unknown e-mail, wrong password, deactivated user), each after one
 * full password verification — against a dummy hash when there is no account — so neither the
 * answer nor its timing tells whether an address has an account. When the password hasher is too
 * busy (`503 BUSY`), the attempt is answered as such and not counted by the throttle.
 * Every failure is recorded for the audit log (batched), and so is the lockout it starts.
 *
 * With two-factor sign-in on, `401 MFA_REQUIRED` is answered only after a correct password (and
 * that attempt is not counted: it guessed nothing); a wrong, used or replayed code is the same
 * `401 INVALID_LOGIN` as a wrong password, and counted.
 */
@CommandHandler(LogInCommand)
export class LogInHandler implements ICommandHandler<LogInCommand> {
  constructor(
    private readonly users: UserReadModel,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly commandBus: CommandBus,
    private readonly failures: LoginFailureRecorder,
    private readonly secondFactor: SecondFactor,
  ) {}

  async execute(command: LogInCommand): Promise<LoggedIn> {
    const email = canonicalEmail(command.email);
    const admission = await this.throttle.admit(email, command.context.address ?? 'unknown');
    const login = this.users.findLogin(email);
    let matches: boolean;
    try {
      matches = login ? await this.hasher.verify(command.password, login.passwordHash) : await this.hasher.verifyAgainstDummy(command.password);
    } catch (error) {
      // 503 BUSY: no password was checked, so no guess is counted.
      if (isDomainError(error) && error.code === 'BUSY') await admission.notChecked();
      throw error;
    }
    const fail = (userId: string | null): never => {
      this.failures.failed(userId, command.context);
      if (userId !== null && admission.accountLockoutMs > 0) this.failures.lockedOut(userId, command.context, admission.accountLockoutMs);
      throw invalidLogin();
    };
    if (!login || !matches || login.user.status !== 'active') return fail(login?.user.id ?? null);
    const { user } = login;
    if (this.secondFactor.enabled(user.id)) {
      if (command.totp === undefined || command.totp.trim() === '') {
        await admission.notChecked();
        throw mfaRequired();
      }
      const context = { ...command.context, actor: { userId: user.id, email: user.email } };
      if (!(await this.secondFactor.accept(user.id, command.totp, context))) return fail(user.id);
    }
    await admission.succeeded();

    const session = await this.commandBus.execute(
      new StartSessionCommand(user.id, { ...command.context, actor: { userId: user.id, email: user.email } }),
    );
    return { token: session.token, expiresAt: session.expiresAt, user: { id: user.id, email: user.email, name: user.name } };
  }
}
