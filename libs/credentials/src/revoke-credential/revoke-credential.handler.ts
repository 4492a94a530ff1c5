import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CredentialRow } from '../read-models/credential-list.projection';
import { CredentialAccess } from '../shared/credential-access';
import { CredentialWriter } from '../shared/credential-writer';
import { RevokeCredentialCommand } from './revoke-credential.command';
import { Clock } from '@latchkey/building-blocks';

@CommandHandler(RevokeCredentialCommand)
export class RevokeCredentialHandler implements ICommandHandler<RevokeCredentialCommand> {
  constructor(
    private readonly access: CredentialAccess,
    private readonly writer: CredentialWriter,
    private readonly clock: Clock,
  ) {}

  async execute({ caller, credentialId, reason, expectedRevision, metadata }: RevokeCredentialCommand): Promise<CredentialRow> {
    const row = this.access.manageable(credentialId, caller);
    return this.writer.execute(
      row.credential_id,
      { type: 'RevokeCredential', reason, at: this.clock.now().toISOString() },
      { metadata, expectedRevision },
    );
  }
}
