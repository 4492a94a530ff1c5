import { Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { DeciderExecutor, type EventMetadata } from '@latchkey/event-store';
import { type RegisteredUser, RegisterUserCommand } from '../../contracts';
import { eventMetadata } from '../../shared/event-metadata';
import { IdentityClock } from '../../shared/identity-clock';
import { streams } from '../../shared/streams';
import { PasswordHasher } from '../passwords/password-hasher';
import { emailReservationDecider, emailTaken } from '../reservations/email-reservation.decider';
import { EnvironmentUserIds } from '../reservations/environment-user-ids';
import { userDecider } from '../user.decider';
import { UserReadModel } from '../user-read-model';
import { validateRegistration } from './registration-rules';

/**
 * validate → hash the password → reserve the e-mail (the uniqueness guarantee) → allocate the
 * production user id → `UserRegistered`. If a step after the reservation fails, the reservation is
 * released so that the address can be used again.
 */
@CommandHandler(RegisterUserCommand)
export class RegisterUserHandler implements ICommandHandler<RegisterUserCommand> {
  private readonly logger = new Logger('RegisterUser');

  constructor(
    private readonly executor: DeciderExecutor,
    private readonly users: UserReadModel,
    private readonly hasher: PasswordHasher,
    private readonly environmentUserIds: EnvironmentUserIds,
    private readonly clock: IdentityClock,
  ) {}

  async execute(command: RegisterUserCommand): Promise<RegisteredUser> {
    const { email, name } = validateRegistration(command);
    // A cheap early answer; the reservation below is what actually decides.
    if (this.users.findByEmail(email)) throw emailTaken();
    const passwordHash = await this.hasher.hash(command.password);
    const userId = randomUUID();
    const metadata = eventMetadata(command.context);

    await this.executor.execute(emailReservationDecider, streams.emailReservation(email), { type: 'ReserveEmail', email, userId }, { metadata, waitForReadModels: false });
    try {
      const productionUserId = await this.environmentUserIds.reserve('production', userId, metadata);
      await this.executor.execute(
        userDecider,
        streams.user(userId),
        { type: 'RegisterUser', userId, email, name, passwordHash, productionUserId, registeredAt: this.clock.now().toISOString() },
        { metadata },
      );
      return { userId, email, name, productionUserId };
    } catch (error) {
      await this.release(email, userId, metadata);
      throw error;
    }
  }

  private async release(email: string, userId: string, metadata: EventMetadata): Promise<void> {
    try {
      await this.executor.execute(emailReservationDecider, streams.emailReservation(email), { type: 'ReleaseEmail', email, userId }, { metadata, waitForReadModels: false });
    } catch (error) {
      this.logger.error({ err: error, userId }, 'Registration failed and its e-mail reservation could not be released');
    }
  }
}
