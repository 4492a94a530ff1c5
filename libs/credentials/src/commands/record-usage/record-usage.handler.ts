import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { systemContext } from '@latchkey/building-blocks';
import {
  EVENT_STORE,
  type EventMetadata,
  type EventStore,
  eventMetadata,
  fold,
  NO_STREAM,
  ProjectionRunner,
  WrongExpectedRevisionError,
} from '@latchkey/event-store';
import { type CredentialUsage, type CredentialUseRefusal, RecordCredentialUsageCommand } from '../../contracts';
import type { RecordUsage } from '../../domain/credential/credential.decide';
import { credentialUsageDecider } from '../../domain/credential/credential.decider';
import { type CredentialEvent, credentialAppsStream, credentialStream, credentialUsageStream } from '../../domain/credential/credential.events';
import { CredentialListReadModel } from '../../read-models/credential-list/credential-list.read-model';
import { parseInstant } from '../../shared/credential-input';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Tries of one credential's batch when another instance records a first use by an app at the same time. */
const FIRST_USE_TRIES = 3;

/** The validation step of a batch: uses with a well-formed time (normalised to whole seconds) and a positive whole count; others are dropped. */
export function wellFormedUses(uses: readonly CredentialUsage[]): RecordUsage['usages'] {
  return uses.flatMap(({ clientId, lastUsedAt, count, address, userAgent }) => {
    const at = parseInstant(lastUsedAt);
    return at === null || !Number.isInteger(count) || count < 1
      ? []
      : [{ clientId, lastUsedAt: at, count, address: address ?? null, userAgent: userAgent ?? null }];
  });
}

function wellFormedRefusals(refusals: readonly CredentialUseRefusal[]): NonNullable<RecordUsage['refusals']> {
  return refusals.flatMap(({ clientId, address, refusedAt }) => {
    const at = parseInstant(refusedAt);
    return at === null ? [] : [{ clientId, address, refusedAt: at }];
  });
}

interface CredentialBatch {
  uses: CredentialUsage[];
  refusals: CredentialUseRefusal[];
}

/**
 * Appends, per credential of the batch, one `CredentialUsed` per app and the refusal (if any) to
 * the credential's usage stream, and a `CredentialUsedByNewApp` per app never seen before to its
 * apps stream (with an expected revision: one per app, whichever instance records it first),
 * decided on the credential's current state (unknown, revoked, deleted or expired credentials
 * record nothing). Uses never conflict with console edits: they do not touch the credential's
 * stream or revision. Usage is statistics, not state: a credential whose append fails is logged
 * and skipped, so the caller never retries (and double-counts) a batch.
 */
@CommandHandler(RecordCredentialUsageCommand)
export class RecordUsageHandler implements ICommandHandler<RecordCredentialUsageCommand> {
  private readonly logger = new Logger('CredentialUsage');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionRunner,
    private readonly credentials: CredentialListReadModel,
  ) {}

  async execute({ usages, refusals }: RecordCredentialUsageCommand): Promise<void> {
    const byCredential = new Map<string, CredentialBatch>();
    const batchOf = (credentialId: string) => {
      let batch = byCredential.get(credentialId);
      if (!batch) byCredential.set(credentialId, (batch = { uses: [], refusals: [] }));
      return batch;
    };
    for (const usage of usages) if (UUID.test(usage.credentialId)) batchOf(usage.credentialId).uses.push(usage);
    for (const refusal of refusals) if (UUID.test(refusal.credentialId)) batchOf(refusal.credentialId).refusals.push(refusal);
    const metadata = eventMetadata(systemContext());
    const results = await Promise.allSettled([...byCredential].map(([credentialId, batch]) => this.record(credentialId, batch, metadata)));
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed.length > 0) this.logger.warn({ err: failed[0].reason }, `Could not record the use of ${failed.length} credential(s)`);
    const positions = results.flatMap((r) => (r.status === 'fulfilled' && r.value !== null ? [r.value] : []));
    if (positions.length > 0) await this.projections.waitFor(Math.max(...positions));
  }

  private async record(credentialId: string, batch: CredentialBatch, metadata: EventMetadata): Promise<number | null> {
    const command: RecordUsage = {
      type: 'RecordUsage',
      usages: wellFormedUses(batch.uses),
      refusals: wellFormedRefusals(batch.refusals),
      // Apps counted before first uses were recorded as such are not new.
      usedBefore: this.credentials.usedBy(credentialId).map((u) => u.client_id),
    };
    const own = (await this.store.readStream(credentialStream(credentialId))) as unknown as CredentialEvent[];
    for (let attempt = 1; ; attempt++) {
      const apps = (await this.store.readStream(credentialAppsStream(credentialId))) as unknown as (CredentialEvent & { revision: number })[];
      const events = credentialUsageDecider.decide(command, fold(credentialUsageDecider, [...own, ...apps]));
      const firstUses = events.filter((e) => e.type === 'CredentialUsedByNewApp');
      const rest = events.filter((e) => e.type !== 'CredentialUsedByNewApp');
      let position: number | null = null;
      if (firstUses.length > 0) {
        try {
          const expectedRevision = apps.length === 0 ? NO_STREAM : apps[apps.length - 1].revision;
          ({ position } = await this.store.appendToStream(
            credentialAppsStream(credentialId),
            firstUses.map((e) => ({ type: e.type, data: e.data, metadata })),
            { expectedRevision },
          ));
        } catch (error) {
          if (error instanceof WrongExpectedRevisionError && attempt < FIRST_USE_TRIES) continue;
          throw error;
        }
      }
      if (rest.length === 0) return position;
      return (
        await this.store.appendToStream(
          credentialUsageStream(credentialId),
          rest.map((e) => ({ type: e.type, data: e.data, metadata })),
        )
      ).position;
    }
  }
}
