import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@latchkey/building-blocks';
import { eventMetadata } from '@latchkey/event-store';
import type { CredentialRow } from '../../read-models/credential-list/credential-list.projection';
import { CredentialAccess } from '../../shared/credential-access';
import { CredentialWriter } from '../../shared/credential-writer';
import { DisallowAppCommand } from './disallow-app.command';

@CommandHandler(DisallowAppCommand)
export class DisallowAppHandler implements ICommandHandler<DisallowAppCommand> {
  constructor(
    private readonly access: CredentialAccess,
    private readonly writer: CredentialWriter,
    private readonly clock: Clock,
  ) {}

  async execute({ caller, credentialId, clientId, expectedRevision, context }: DisallowAppCommand): Promise<CredentialRow> {
    const row = this.access.changeable(credentialId, caller);
    return this.writer.execute(
      row.credential_id,
      { type: 'DisallowApp', clientId, at: this.clock.now().toISOString() },
      { metadata: eventMetadata(context), expectedRevision },
    );
  }
}
