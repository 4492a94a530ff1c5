import { Injectable } from '@nestjs/common';
import { DeciderExecutor, type EventMetadata } from '@latchkey/event-store';
import type { CredentialCommand } from '../domain/credential/credential.decide';
import { credentialDecider } from '../domain/credential/credential.decider';
import { credentialStream } from '../domain/credential/credential.events';
import type { CredentialRow } from '../read-models/credential-list/credential-list.projection';
import { CredentialListReadModel } from '../read-models/credential-list/credential-list.read-model';
import { credentialNotFound } from './credential-access';
import { KeyedQueue } from './keyed-queue';

export interface WriteOptions {
  metadata: EventMetadata;
  /** The revision from `If-Match`: a stale one fails with `412 REVISION_MISMATCH`. */
  expectedRevision?: number;
}

/**
 * Runs a credential command against its stream and answers the credential's row once the read
 * models include the change (a GET right after the write sees it).
 *
 * Writes to one credential are queued in this process, one at a time: concurrent edits would
 * otherwise all read the same revision and race to append, and with a bounded number of retries
 * most of a burst of edits would fail with 409 although none of them conflicts with another
 * (`If-Match` still answers 412 when the revision it names is no longer current). Retries on a
 * conflict remain for writers in other processes.
 */
@Injectable()
export class CredentialWriter {
  private readonly queue = new KeyedQueue();

  constructor(
    private readonly executor: DeciderExecutor,
    private readonly credentials: CredentialListReadModel,
  ) {}

  execute(credentialId: string, command: CredentialCommand, options: WriteOptions): Promise<CredentialRow> {
    return this.queue.run(credentialId, async () => {
      await this.executor.execute(credentialDecider, credentialStream(credentialId), command, {
        metadata: options.metadata,
        expectedRevision: options.expectedRevision,
      });
      const row = this.credentials.byId(credentialId);
      if (!row) throw credentialNotFound();
      return row;
    });
  }
}
