import { Command } from '@nestjs/cqrs';

export interface CredentialUsage {
  credentialId: string;
  clientId: string;
  /** ISO time of the last use in the batch. */
  lastUsedAt: string;
  /** Number of token requests in the batch. */
  count: number;
}

/**
 * Records credential use, aggregated by the caller (the token endpoint batches uses so the hot
 * path never waits on an event-store write). Feeds `lastUsedAt` and the history. Uses of unknown,
 * revoked or deleted credentials are ignored; a credential whose append fails is logged and
 * skipped, so the command does not fail and a batch is never sent twice (no double counting).
 */
export class RecordCredentialUsageCommand extends Command<void> {
  constructor(readonly usages: CredentialUsage[]) {
    super();
  }
}
