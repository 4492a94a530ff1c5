import { Command } from '@nestjs/cqrs';

export interface CredentialUsage {
  credentialId: string;
  clientId: string;
  /** ISO time of the last use in the batch. */
  lastUsedAt: string;
  /** Number of token requests in the batch. */
  count: number;
  /** The client address of the last of them (as `TRUST_PROXY` resolves it). */
  address?: string | null;
  /** The `User-Agent` of the last of them, truncated. */
  userAgent?: string | null;
}

/** A token request refused because its client address is outside the credential's allowlist. */
export interface CredentialUseRefusal {
  credentialId: string;
  clientId: string;
  address: string;
  /** ISO time. */
  refusedAt: string;
}

/**
 * Records credential use, aggregated by the caller (the token endpoint batches uses so the hot
 * path never waits on an event-store write). Feeds `lastUsedAt`, `lastUsed`, `usedBy` and the history. Uses of unknown,
 * revoked or deleted credentials are ignored; a credential whose append fails is logged and
 * skipped, so the command does not fail and a batch is never sent twice (no double counting).
 */
export class RecordCredentialUsageCommand extends Command<void> {
  constructor(
    readonly usages: CredentialUsage[],
    /** Refusals by address, already thinned by the caller to one per credential per minute. */
    readonly refusals: CredentialUseRefusal[] = [],
  ) {
    super();
  }
}
