import { Injectable } from '@nestjs/common';
import { Clock } from '@latchkey/building-blocks';
import { DeciderExecutor, type DueItem, ScheduledJob } from '@latchkey/event-store';
import { credentialDecider } from '../domain/credential/credential.decider';
import { credentialStream } from '../domain/credential/credential.events';
import { EXPIRY_SCHEDULE, type ExpiryCheck } from '../read-models/expiry-schedule/expiry-schedule.projection';

/**
 * Runs the expiry schedule's due items: gives a credential its 7-day or 1-day notice
 * (`CredentialExpiryNoticed`, sent as `credential.expiring`) or records its expiry
 * (`CredentialExpired`, sent as `credential.expired`). The system acts (actor null). The decider
 * refuses a notice already given for the same expiry, and the append's expected revision lets one
 * instance win, so each happens once whatever runs it twice.
 */
@ScheduledJob()
@Injectable()
export class NoticeExpiry implements ScheduledJob<ExpiryCheck> {
  readonly schedule = EXPIRY_SCHEDULE;

  constructor(
    private readonly executor: DeciderExecutor,
    private readonly clock: Clock,
  ) {}

  async run({ key: credentialId, payload }: DueItem<ExpiryCheck>): Promise<number | null> {
    const at = this.clock.now().toISOString();
    const { position } = await this.executor.execute(
      credentialDecider,
      credentialStream(credentialId),
      { type: 'NoticeExpiry', expiresAt: payload.expiresAt, at },
      {
        metadata: { correlationId: `expiry-${credentialId}-${payload.expiresAt}`, actor: null },
        // The scheduler waits for the read models once per batch.
        waitForReadModels: false,
      },
    );
    return position;
  }
}
