import { Injectable } from '@nestjs/common';
import { DeciderExecutor, type EventMetadata } from '@latchkey/event-store';
import { type CredentialCommand, credentialDecider } from '../credential/credential.decider';
import { credentialStream } from '../credential/credential.events';
import type { CredentialRow } from '../read-models/credential-list.projection';
import { CredentialListReadModel } from '../read-models/credential-list.read-model';
import { credentialNotFound } from './credential-access';

export interface WriteOptions {
  metadata: EventMetadata;
  /** The revision from `If-Match`: a stale one fails with `412 REVISION_MISMATCH`. */
  expectedRevision?: number;
}

/**
 * Runs a credential command against its stream and answers the credential's row once the read
 * models include the change (a GET right after the write sees it).
 */
@Injectable()
export class CredentialWriter {
  constructor(
    private readonly executor: DeciderExecutor,
    private readonly credentials: CredentialListReadModel,
  ) {}

  async execute(credentialId: string, command: CredentialCommand, options: WriteOptions): Promise<CredentialRow> {
    await this.executor.execute(credentialDecider, credentialStream(credentialId), command, {
      metadata: options.metadata,
      expectedRevision: options.expectedRevision,
    });
    const row = this.credentials.byId(credentialId);
    if (!row) throw credentialNotFound();
    return row;
  }
}
