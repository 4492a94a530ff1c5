import { CommandHandler, type ICommandHandler, QueryBus } from '@nestjs/cqrs';
import type { CredentialRow } from '../read-models/credential-list.projection';
import { CredentialAccess } from '../shared/credential-access';
import { CredentialWriter } from '../shared/credential-writer';
import { knownClients } from '../shared/known-clients';
import { AllowAppCommand, DisallowAppCommand } from './allowed-apps.commands';
import { Clock } from '@latchkey/building-blocks';

@CommandHandler(AllowAppCommand)
export class AllowAppHandler implements ICommandHandler<AllowAppCommand> {
  constructor(
    private readonly access: CredentialAccess,
    private readonly writer: CredentialWriter,
    private readonly queries: QueryBus,
    private readonly clock: Clock,
  ) {}

  async execute({ caller, credentialId, clientId, expectedRevision, metadata }: AllowAppCommand): Promise<CredentialRow> {
    const row = this.access.manageable(credentialId, caller);
    return this.writer.execute(
      row.credential_id,
      { type: 'AllowApp', clientId, clients: await knownClients(this.queries, [clientId]), at: this.clock.now().toISOString() },
      { metadata, expectedRevision },
    );
  }
}

@CommandHandler(DisallowAppCommand)
export class DisallowAppHandler implements ICommandHandler<DisallowAppCommand> {
  constructor(
    private readonly access: CredentialAccess,
    private readonly writer: CredentialWriter,
    private readonly clock: Clock,
  ) {}

  async execute({ caller, credentialId, clientId, expectedRevision, metadata }: DisallowAppCommand): Promise<CredentialRow> {
    const row = this.access.manageable(credentialId, caller);
    return this.writer.execute(
      row.credential_id,
      { type: 'DisallowApp', clientId, at: this.clock.now().toISOString() },
      { metadata, expectedRevision },
    );
  }
}
