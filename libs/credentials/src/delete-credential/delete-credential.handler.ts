import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CredentialAccess } from '../shared/credential-access';
import { CredentialWriter } from '../shared/credential-writer';
import { CredentialsClock } from '../shared/credentials-clock';
import { DeleteCredentialCommand } from './delete-credential.command';

@CommandHandler(DeleteCredentialCommand)
export class DeleteCredentialHandler implements ICommandHandler<DeleteCredentialCommand> {
  constructor(
    private readonly access: CredentialAccess,
    private readonly writer: CredentialWriter,
    private readonly clock: CredentialsClock,
  ) {}

  async execute({ caller, credentialId, expectedRevision, metadata }: DeleteCredentialCommand): Promise<void> {
    const row = this.access.manageable(credentialId, caller);
    await this.writer.execute(row.credential_id, { type: 'DeleteCredential', at: this.clock.now().toISOString() }, { metadata, expectedRevision });
  }
}
