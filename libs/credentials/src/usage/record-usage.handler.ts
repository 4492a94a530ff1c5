import { Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { DeciderExecutor } from '@latchkey/event-store';
import { type CredentialUsage, RecordCredentialUsageCommand } from '../contracts';
import { credentialDecider } from '../credential/credential.decider';
import { credentialStream } from '../credential/credential.events';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Appends one `CredentialUsed` per credential and app of the batch (no `If-Match`: uses never
 * conflict with console changes, they are simply re-decided on the fresh stream). Credentials that
 * are unknown, revoked or deleted record nothing. Usage is statistics, not state: a credential whose
 * append fails is logged and skipped, so the caller never retries (and double-counts) a batch.
 */
@CommandHandler(RecordCredentialUsageCommand)
export class RecordUsageHandler implements ICommandHandler<RecordCredentialUsageCommand> {
  private readonly logger = new Logger('CredentialUsage');

  constructor(private readonly executor: DeciderExecutor) {}

  async execute({ usages }: RecordCredentialUsageCommand): Promise<void> {
    const byCredential = new Map<string, CredentialUsage[]>();
    for (const usage of usages) {
      if (!UUID.test(usage.credentialId)) continue;
      byCredential.set(usage.credentialId, [...(byCredential.get(usage.credentialId) ?? []), usage]);
    }
    const correlationId = randomUUID();
    const results = await Promise.allSettled(
      [...byCredential].map(([credentialId, uses]) =>
        this.executor.execute(
          credentialDecider,
          credentialStream(credentialId),
          { type: 'RecordUsage', usages: uses.map(({ clientId, lastUsedAt, count }) => ({ clientId, lastUsedAt, count })) },
          { metadata: { correlationId, actor: null } },
        ),
      ),
    );
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed.length > 0) this.logger.warn({ err: failed[0].reason }, `Could not record the use of ${failed.length} credential(s)`);
  }
}
