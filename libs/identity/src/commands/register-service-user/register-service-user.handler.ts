import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { Clock } from '@latchkey/building-blocks';
import { DeciderExecutor, eventMetadata } from '@latchkey/event-store';
import { type RegisteredUser, RegisterServiceUserCommand, SERVICE_USER_EMAIL_DOMAIN } from '../../contracts';
import { emailReservationDecider } from '../../domain/email-reservation/email-reservation.decider';
import { userDecider } from '../../domain/user/user.decider';
import { EnvironmentUserIds } from '../../shared/environment-user-ids';
import { streams } from '../../shared/streams';

/**
 * Reserves the service user's internal address (`<userId>@service-users.invalid`), allocates its
 * production user id and records the registration without a password hash. The name arrives
 * checked by the caller's DTO.
 */
@CommandHandler(RegisterServiceUserCommand)
export class RegisterServiceUserHandler implements ICommandHandler<RegisterServiceUserCommand> {
  constructor(
    private readonly executor: DeciderExecutor,
    private readonly environmentUserIds: EnvironmentUserIds,
    private readonly clock: Clock,
  ) {}

  async execute(command: RegisterServiceUserCommand): Promise<RegisteredUser> {
    const userId = randomUUID();
    const email = `${userId}@${SERVICE_USER_EMAIL_DOMAIN}`;
    const name = command.name.trim();
    const metadata = eventMetadata(command.context);
    await this.executor.execute(
      emailReservationDecider,
      streams.emailReservation(email),
      { type: 'ReserveEmail', email, userId, at: this.clock.now().toISOString() },
      { metadata, waitForReadModels: false },
    );
    const productionUserId = await this.environmentUserIds.reserve('production', userId, metadata);
    await this.executor.execute(
      userDecider,
      streams.user(userId),
      {
        type: 'RegisterServiceUser',
        userId,
        email,
        name,
        productionUserId,
        registeredAt: this.clock.now().toISOString(),
        ...(command.onboarding ? { onboarding: command.onboarding } : {}),
      },
      { metadata },
    );
    return { userId, email, name, productionUserId };
  }
}
