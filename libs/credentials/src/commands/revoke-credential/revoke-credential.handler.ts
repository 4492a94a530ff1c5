import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@latchkey/building-blocks';
import { eventMetadata } from '@latchkey/event-store';
import type { CredentialRow } from '../../read-models/credential-list/credential-list.projection';
import { CredentialAccess } from '../../shared/credential-access';
import { CredentialWriter } from '../../shared/credential-writer';
import { RevokeCredentialCommand } from './revoke-credential.command';
import { validReason } from './revoke-credential.validation';

@CommandHandler(RevokeCredentialCommand)
export class RevokeCredentialHandler implements ICommandHandler<RevokeCredentialCommand> {
  constructor(
    private readonly access: CredentialAccess,
    private readonly writer: CredentialWriter,
    private readonly clock: Clock,
  ) {}

  async execute({ caller, credentialId, reason, expectedRevision, context }: RevokeCredentialCommand): Promise<CredentialRow> {
    const row = this.access.manageable(credentialId, caller);
    return this.writer.execute(
      row.credential_id,
      {
        type: 'RevokeCredential',
        reason: validReason(reason),
        revocationReason: row.owner_id === caller.userId ? 'owner' : 'admin',
        at: this.clock.now().toISOString(),
      },
      { metadata: eventMetadata(context), expectedRevision },
    );
  }
}
