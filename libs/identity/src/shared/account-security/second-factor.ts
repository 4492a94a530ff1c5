import { Injectable } from '@nestjs/common';
import { Clock, isDomainError, type RequestContext } from '@latchkey/building-blocks';
import { DeciderExecutor, eventMetadata } from '@latchkey/event-store';
import { SecretSealer } from '../../contracts';
import { userDecider } from '../../domain/user/user.decider';
import { AccountSecurityReadModel } from '../../read-models/account-security/account-security.read-model';
import { streams } from '../streams';
import { hashRecoveryCode, looksLikeTotpCode, totpStepOf } from '../totp/totp';

/** The context a user's TOTP seed is sealed for: a seed copied to another user's stream does not open. */
export const totpSealingContext = (userId: string) => `identity totp seed\n${userId}`;

/**
 * Checks and consumes a second-factor code of a user whose two-factor sign-in is on: a 6-digit
 * TOTP code of the current, previous or next 30-s step that is later than the last step accepted
 * (no replay, decided atomically by the user's decider), or one of their unused recovery codes.
 */
@Injectable()
export class SecondFactor {
  constructor(
    private readonly executor: DeciderExecutor,
    private readonly security: AccountSecurityReadModel,
    private readonly sealer: SecretSealer,
    private readonly clock: Clock,
  ) {}

  enabled(userId: string): boolean {
    return this.security.totpEnabled(userId);
  }

  /** True when `code` was accepted (and is now used); false for a wrong, used or replayed code. */
  async accept(userId: string, code: string, context: RequestContext): Promise<boolean> {
    const totp = this.security.totpOf(userId);
    if (totp?.status !== 'on') return false;
    const trimmed = code.trim();
    const at = this.clock.now().toISOString();
    let command;
    if (looksLikeTotpCode(trimmed)) {
      const step = totpStepOf(this.sealer.open(totp.sealedSecret, totpSealingContext(userId)), trimmed, this.clock.nowMs());
      if (step === null) return false;
      command = { type: 'UseTotpCode' as const, step, at };
    } else {
      command = { type: 'UseRecoveryCode' as const, codeHash: hashRecoveryCode(trimmed), at };
    }
    try {
      await this.executor.execute(userDecider, streams.user(userId), command, { metadata: eventMetadata(context) });
      return true;
    } catch (error) {
      if (isDomainError(error) && error.code === 'INVALID_CODE') return false;
      throw error;
    }
  }
}
