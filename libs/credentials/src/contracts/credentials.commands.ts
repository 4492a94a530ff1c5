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
 * path never waits on an event-store write). Feeds `lastUsedAt` and the history.
 */
export class RecordCredentialUsageCommand extends Command<void> {
  constructor(readonly usages: CredentialUsage[]) {
    super();
  }
}
