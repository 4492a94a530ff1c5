import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock, DomainError, isDomainError } from '@latchkey/building-blocks';
import { DeciderExecutor, eventMetadata } from '@latchkey/event-store';
import { userDecider } from '../../domain/user/user.decider';
import { FreshProof, invalidCodeForProof } from '../../shared/account-security/fresh-proof';
import { SecondFactor } from '../../shared/account-security/second-factor';
import { streams } from '../../shared/streams';
import { DisableTotpCommand } from './disable-totp.command';

/** Password and code (a fresh proof, throttled like a login) → `TotpDisabled`. Any wrong part is one answer: `422 INVALID_CODE`. */
@CommandHandler(DisableTotpCommand)
export class DisableTotpHandler implements ICommandHandler<DisableTotpCommand> {
  constructor(
    private readonly executor: DeciderExecutor,
    private readonly proof: FreshProof,
    private readonly secondFactor: SecondFactor,
    private readonly clock: Clock,
  ) {}

  async execute({ principal, password, code, context }: DisableTotpCommand): Promise<void> {
    if (!this.secondFactor.enabled(principal.userId)) throw new DomainError('conflict', 'MFA_NOT_ENABLED', 'Two-factor sign-in is not on');
    await this.proof.verifyFreshProof(principal.userId, { password, totp: code }, context).catch(asInvalidCode);
    await this.executor.execute(
      userDecider,
      streams.user(principal.userId),
      { type: 'DisableTotp', at: this.clock.now().toISOString() },
      { metadata: eventMetadata(context) },
    );
  }
}

function asInvalidCode(error: unknown): never {
  if (isDomainError(error) && (error.code === 'INVALID_CURRENT_PASSWORD' || error.code === 'MFA_REQUIRED')) throw invalidCodeForProof();
  throw error;
}
