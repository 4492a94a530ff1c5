import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { Clock, isDomainError } from '@latchkey/building-blocks';
import { DeciderExecutor, EVENT_STORE, type EventMetadata, eventMetadata, type EventStore } from '@latchkey/event-store';
import { type RegisteredUser, RegisterUserCommand } from '../../contracts';
import { streams } from '../../shared/streams';
import { PasswordHasher } from '../../shared/passwords/password-hasher';
import { emailReservationDecider, emailTaken } from '../../domain/email-reservation/email-reservation.decider';
import type { EmailReserved } from '../../domain/email-reservation/email-reservation.events';
import { EnvironmentUserIds } from '../../shared/environment-user-ids';
import { userDecider } from '../../domain/user/user.decider';
import { UserReadModel } from '../../read-models/users/user.read-model';
import { validateRegistration } from './registration-rules';

/**
 * validate → hash the password → reserve the e-mail (the uniqueness guarantee) → allocate the
 * production user id → `UserRegistered`. If a step after the reservation fails, the reservation is
 * released so that the address can be used again; if the process stopped there, a later
 * registration takes the stale reservation over.
 */
@CommandHandler(RegisterUserCommand)
export class RegisterUserHandler implements ICommandHandler<RegisterUserCommand> {
  private readonly logger = new Logger('RegisterUser');

  constructor(
    private readonly executor: DeciderExecutor,
    private readonly users: UserReadModel,
    private readonly hasher: PasswordHasher,
    private readonly environmentUserIds: EnvironmentUserIds,
    private readonly clock: Clock,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute(command: RegisterUserCommand): Promise<RegisteredUser> {
    const { email, name } = validateRegistration(command);
    // A cheap early answer; the reservation below is what actually decides.
    if (this.users.findByEmail(email)) throw emailTaken();
    const passwordHash = await this.hasher.hash(command.password);
    const userId = randomUUID();
    const metadata = eventMetadata(command.context);

    await this.reserveEmail(email, userId, metadata);
    try {
      const productionUserId = await this.environmentUserIds.reserve('production', userId, metadata);
      await this.executor.execute(
        userDecider,
        streams.user(userId),
        {
          type: 'RegisterUser',
          userId,
          email,
          name,
          passwordHash,
          productionUserId,
          registeredAt: this.clock.now().toISOString(),
          ...(command.onboarding ? { onboarding: command.onboarding } : {}),
        },
        { metadata },
      );
      return { userId, email, name, productionUserId };
    } catch (error) {
      await this.release(email, userId, metadata);
      throw error;
    }
  }

  /**
   * Reserves the address; if it is held for a user that was never written (a registration stopped
   * between its two steps), asks the decider to take that reservation over, which it allows once
   * the reservation is stale.
   */
  private async reserveEmail(email: string, userId: string, metadata: EventMetadata): Promise<void> {
    const stream = streams.emailReservation(email);
    const reserve = (abandonedBy?: string) =>
      this.executor.execute(
        emailReservationDecider,
        stream,
        { type: 'ReserveEmail', email, userId, at: this.clock.now().toISOString(), ...(abandonedBy ? { abandonedBy } : {}) },
        { metadata, waitForReadModels: false },
      );
    try {
      await reserve();
    } catch (error) {
      const holder = isDomainError(error) && error.code === 'EMAIL_TAKEN' ? await this.holderWithoutUser(stream) : null;
      if (!holder) throw error;
      await reserve(holder);
    }
  }

  private async holderWithoutUser(reservationStream: string): Promise<string | null> {
    const events = await this.store.readStream(reservationStream);
    const last = events.at(-1);
    if (last?.type !== 'EmailReserved') return null;
    const holder = (last.data as EmailReserved['data']).userId;
    const user = await this.store.readStream(streams.user(holder), { maxCount: 1 });
    return user.length === 0 ? holder : null;
  }

  private async release(email: string, userId: string, metadata: EventMetadata): Promise<void> {
    try {
      await this.executor.execute(
        emailReservationDecider,
        streams.emailReservation(email),
        { type: 'ReleaseEmail', email, userId },
        { metadata, waitForReadModels: false },
      );
    } catch (error) {
      this.logger.error({ err: error, userId }, 'Registration failed and its e-mail reservation could not be released');
    }
  }
}
