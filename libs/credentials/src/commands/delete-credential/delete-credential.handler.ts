import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@latchkey/building-blocks';
import { eventMetadata } from '@latchkey/event-store';
import { CredentialAccess } from '../../shared/credential-access';
import { CredentialWriter } from '../../shared/credential-writer';
import { DeleteCredentialCommand } from './delete-credential.command';

@CommandHandler(DeleteCredentialCommand)
export class DeleteCredentialHandler implements ICommandHandler<DeleteCredentialCommand> {
  constructor(
    private readonly access: CredentialAccess,
    private readonly writer: CredentialWriter,
    private readonly clock: Clock,
  ) {}

  async execute({ caller, credentialId, expectedRevision, context }: DeleteCredentialCommand): Promise<void> {
    const row = this.access.manageable(credentialId, caller);
    await this.writer.execute(
      row.credential_id,
      { type: 'DeleteCredential', at: this.clock.now().toISOString() },
      { metadata: eventMetadata(context), expectedRevision },
    );
  }
}
