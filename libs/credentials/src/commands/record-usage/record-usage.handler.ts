import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { systemContext } from '@latchkey/building-blocks';
import { EVENT_STORE, type EventMetadata, type EventStore, eventMetadata, fold, ProjectionRunner } from '@latchkey/event-store';
import { type CredentialUsage, RecordCredentialUsageCommand } from '../../contracts';
import type { RecordUsage } from '../../domain/credential/credential.decide';
import { credentialUsageDecider } from '../../domain/credential/credential.decider';
import { type CredentialEvent, credentialStream, credentialUsageStream } from '../../domain/credential/credential.events';
import { parseInstant } from '../../shared/credential-input';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The validation step of a batch: uses with a well-formed time (normalised to whole seconds) and a positive whole count; others are dropped. */
export function wellFormedUses(uses: readonly CredentialUsage[]): RecordUsage['usages'] {
  return uses.flatMap(({ clientId, lastUsedAt, count }) => {
    const at = parseInstant(lastUsedAt);
    return at === null || !Number.isInteger(count) || count < 1 ? [] : [{ clientId, lastUsedAt: at, count }];
  });
}

/**
 * Appends one `CredentialUsed` per credential and app of the batch to the credential's usage
 * stream, decided on the credential's current state (unknown, revoked, deleted or expired
 * credentials record nothing). Uses never conflict with console edits: they do not touch the
 * credential's stream or revision. Usage is statistics, not state: a credential whose append fails
 * is logged and skipped, so the caller never retries (and double-counts) a batch.
 */
@CommandHandler(RecordCredentialUsageCommand)
export class RecordUsageHandler implements ICommandHandler<RecordCredentialUsageCommand> {
  private readonly logger = new Logger('CredentialUsage');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionRunner,
  ) {}

  async execute({ usages }: RecordCredentialUsageCommand): Promise<void> {
    const byCredential = new Map<string, CredentialUsage[]>();
    for (const usage of usages) {
      if (!UUID.test(usage.credentialId)) continue;
      byCredential.set(usage.credentialId, [...(byCredential.get(usage.credentialId) ?? []), usage]);
    }
    const metadata = eventMetadata(systemContext());
    const results = await Promise.allSettled([...byCredential].map(([credentialId, uses]) => this.record(credentialId, uses, metadata)));
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed.length > 0) this.logger.warn({ err: failed[0].reason }, `Could not record the use of ${failed.length} credential(s)`);
    const positions = results.flatMap((r) => (r.status === 'fulfilled' && r.value !== null ? [r.value] : []));
    if (positions.length > 0) await this.projections.waitFor(Math.max(...positions));
  }

  private async record(credentialId: string, uses: CredentialUsage[], metadata: EventMetadata): Promise<number | null> {
    const state = fold(credentialUsageDecider, (await this.store.readStream(credentialStream(credentialId))) as unknown as CredentialEvent[]);
    const events = credentialUsageDecider.decide({ type: 'RecordUsage', usages: wellFormedUses(uses) }, state);
    if (events.length === 0) return null;
    const { position } = await this.store.appendToStream(
      credentialUsageStream(credentialId),
      events.map((e) => ({ type: e.type, data: e.data, metadata })),
    );
    return position;
  }
}
