import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CredentialAccess } from '../shared/credential-access';
import { CredentialWriter } from '../shared/credential-writer';
import { DeleteCredentialCommand } from './delete-credential.command';
import { Clock } from '@latchkey/building-blocks';

@CommandHandler(DeleteCredentialCommand)
export class DeleteCredentialHandler implements ICommandHandler<DeleteCredentialCommand> {
  constructor(
    private readonly access: CredentialAccess,
    private readonly writer: CredentialWriter,
    private readonly clock: Clock,
  ) {}

  async execute({ caller, credentialId, expectedRevision, metadata }: DeleteCredentialCommand): Promise<void> {
    const row = this.access.manageable(credentialId, caller);
    await this.writer.execute(row.credential_id, { type: 'DeleteCredential', at: this.clock.now().toISOString() }, { metadata, expectedRevision });
  }
}
