import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock, DomainError } from '@latchkey/building-blocks';
import { DeciderExecutor, eventMetadata } from '@latchkey/event-store';
import { SecretSealer } from '../../contracts';
import { invalidCode, mfaAlreadyEnabled } from '../../domain/user/account-security.decide';
import { userDecider } from '../../domain/user/user.decider';
import { AccountSecurityReadModel } from '../../read-models/account-security/account-security.read-model';
import { totpSealingContext } from '../../shared/account-security/second-factor';
import { SessionTermination } from '../../shared/account-security/session-termination';
import { streams } from '../../shared/streams';
import { hashRecoveryCode, newRecoveryCode, RECOVERY_CODE_COUNT, totpStepOf } from '../../shared/totp/totp';
import { ConfirmTotpCommand } from './confirm-totp.command';

/**
 * A code of the enrolment's seed turns two-factor sign-in on (`TotpEnabled` with the recovery
 * codes' hashes; the codes themselves are only in this answer) and ends the user's other sessions.
 */
@CommandHandler(ConfirmTotpCommand)
export class ConfirmTotpHandler implements ICommandHandler<ConfirmTotpCommand> {
  constructor(
    private readonly executor: DeciderExecutor,
    private readonly security: AccountSecurityReadModel,
    private readonly sealer: SecretSealer,
    private readonly sessions: SessionTermination,
    private readonly clock: Clock,
  ) {}

  async execute({ principal, code, context }: ConfirmTotpCommand): Promise<{ recoveryCodes: string[] }> {
    const totp = this.security.totpOf(principal.userId);
    if (totp?.status === 'on') throw mfaAlreadyEnabled();
    if (!totp) throw new DomainError('conflict', 'MFA_ENROLMENT_NOT_STARTED', 'Start the two-factor enrolment first (POST /console/v1/me/mfa/totp)');
    const seed = this.sealer.open(totp.sealedSecret, totpSealingContext(principal.userId));
    const step = totpStepOf(seed, code.trim(), this.clock.nowMs());
    if (step === null) throw invalidCode();
    const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    await this.executor.execute(
      userDecider,
      streams.user(principal.userId),
      { type: 'ConfirmTotp', step, recoveryCodeHashes: recoveryCodes.map(hashRecoveryCode), at: this.clock.now().toISOString() },
      { metadata: eventMetadata(context) },
    );
    await this.sessions.endSessions(principal.userId, 'mfa_enabled', context, principal.sessionId);
    return { recoveryCodes };
  }
}
