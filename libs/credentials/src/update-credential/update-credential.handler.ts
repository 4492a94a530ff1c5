import { CommandHandler, type ICommandHandler, QueryBus } from '@nestjs/cqrs';
import type { CredentialRow } from '../read-models/credential-list.projection';
import { CredentialAccess } from '../shared/credential-access';
import { CredentialWriter } from '../shared/credential-writer';
import { knownClients } from '../shared/known-clients';
import { UpdateCredentialCommand } from './update-credential.command';
import { Clock } from '@latchkey/building-blocks';

@CommandHandler(UpdateCredentialCommand)
export class UpdateCredentialHandler implements ICommandHandler<UpdateCredentialCommand> {
  constructor(
    private readonly access: CredentialAccess,
    private readonly writer: CredentialWriter,
    private readonly queries: QueryBus,
    private readonly clock: Clock,
  ) {}

  async execute({ caller, credentialId, changes, expectedRevision, metadata }: UpdateCredentialCommand): Promise<CredentialRow> {
    const row = this.access.manageable(credentialId, caller);
    const { allowedApps } = changes;
    return this.writer.execute(
      row.credential_id,
      {
        type: 'UpdateCredential',
        label: changes.label,
        expiresAt: changes.expiresAt,
        allowedApps: allowedApps && { type: allowedApps.type, clientIds: allowedApps.clientIds },
        clients: allowedApps?.type === 'specific' ? await knownClients(this.queries, allowedApps.clientIds) : [],
        at: this.clock.now().toISOString(),
      },
      { metadata, expectedRevision },
    );
  }
}
