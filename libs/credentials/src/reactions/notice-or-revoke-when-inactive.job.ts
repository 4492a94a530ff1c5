import { Injectable } from '@nestjs/common';
import { Clock } from '@latchkey/building-blocks';
import { DeciderExecutor, type DueItem, ScheduledJob } from '@latchkey/event-store';
import { credentialDecider } from '../domain/credential/credential.decider';
import { credentialStream } from '../domain/credential/credential.events';
import { announcedRevocation, type InactivityStep } from '../domain/credential/inactivity';
import { INACTIVITY_SCHEDULE } from '../read-models/inactivity-schedule/inactivity-schedule.projection';

/**
 * Runs the inactivity schedule's due items: gives a credential its notice (`CredentialInactivityNoticed`,
 * audited as `credential.inactive`), or revokes it with reason `inactive` once the notice's time has
 * come. The system acts (actor null). The decider refuses a second notice for the same period of
 * inactivity and a revocation without its notice, and the append's expected revision lets one
 * instance win, so each happens once whatever runs it twice.
 */
@ScheduledJob()
@Injectable()
export class NoticeOrRevokeWhenInactive implements ScheduledJob<InactivityStep> {
  readonly schedule = INACTIVITY_SCHEDULE;

  constructor(
    private readonly executor: DeciderExecutor,
    private readonly clock: Clock,
  ) {}

  async run({ key: credentialId, payload: step }: DueItem<InactivityStep>): Promise<number | null> {
    const at = this.clock.now().toISOString();
    const command =
      step.action === 'notice'
        ? { type: 'NoticeInactivity' as const, inactiveSince: step.inactiveSince, revokeAt: announcedRevocation(step.revokeBy, at), at }
        : { type: 'RevokeInactiveCredential' as const, inactiveSince: step.inactiveSince, at };
    const { position } = await this.executor.execute(credentialDecider, credentialStream(credentialId), command, {
      metadata: { correlationId: `inactivity-${credentialId}-${step.inactiveSince}`, actor: null },
      // The scheduler waits for the read models once per batch.
      waitForReadModels: false,
    });
    return position;
  }
}
