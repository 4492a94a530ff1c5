import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@latchkey/building-blocks';
import { DeciderExecutor, eventMetadata } from '@latchkey/event-store';
import { SecretSealer } from '../../contracts';
import { userDecider } from '../../domain/user/user.decider';
import { totpSealingContext } from '../../shared/account-security/second-factor';
import { streams } from '../../shared/streams';
import { newTotpSecret, otpauthUri, totpSecretBase32 } from '../../shared/totp/totp';
import { EnrolTotpCommand } from './enrol-totp.command';

/** A fresh seed, sealed into `TotpEnrollmentStarted`; the seed in the clear is only in this answer. */
@CommandHandler(EnrolTotpCommand)
export class EnrolTotpHandler implements ICommandHandler<EnrolTotpCommand> {
  constructor(
    private readonly executor: DeciderExecutor,
    private readonly sealer: SecretSealer,
    private readonly clock: Clock,
  ) {}

  async execute({ principal, context }: EnrolTotpCommand): Promise<{ secret: string; otpauthUri: string }> {
    const secret = newTotpSecret();
    await this.executor.execute(
      userDecider,
      streams.user(principal.userId),
      {
        type: 'StartTotpEnrollment',
        sealedSecret: this.sealer.seal(secret, totpSealingContext(principal.userId)),
        startedAt: this.clock.now().toISOString(),
      },
      { metadata: eventMetadata(context) },
    );
    return { secret: totpSecretBase32(secret), otpauthUri: otpauthUri(secret, principal.email) };
  }
}
