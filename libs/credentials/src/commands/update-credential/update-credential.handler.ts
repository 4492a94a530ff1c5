import { CommandHandler, type ICommandHandler, QueryBus } from '@nestjs/cqrs';
import { Clock } from '@latchkey/building-blocks';
import { eventMetadata } from '@latchkey/event-store';
import type { CredentialRow } from '../../read-models/credential-list/credential-list.projection';
import { CredentialAccess } from '../../shared/credential-access';
import { CredentialWriter } from '../../shared/credential-writer';
import { knownClients } from '../../shared/known-clients';
import { optionalRequestText } from '../../shared/credential-input';
import { credentialPolicyOf } from '../../shared/organization-policy';
import { approvalOf, ThirdPartyRequests } from '../../shared/third-party-requests';
import { UpdateCredentialCommand } from './update-credential.command';
import { validChanges } from './update-credential.validation';

@CommandHandler(UpdateCredentialCommand)
export class UpdateCredentialHandler implements ICommandHandler<UpdateCredentialCommand> {
  constructor(
    private readonly access: CredentialAccess,
    private readonly writer: CredentialWriter,
    private readonly queries: QueryBus,
    private readonly clock: Clock,
    private readonly requests: ThirdPartyRequests,
  ) {}

  async execute({ caller, credentialId, changes, expectedRevision, context }: UpdateCredentialCommand): Promise<CredentialRow> {
    const row = this.access.changeable(credentialId, caller);
    const at = this.clock.now().toISOString();
    const { label, expiresAt, allowedApps, allowedAddresses } = validChanges(changes, at);
    const justification = optionalRequestText('justification', changes.justification);
    const policy = await credentialPolicyOf(this.queries, row.organization_id);
    const approval = approvalOf(caller, justification, allowedApps?.clientIds ?? []);
    const after = await this.writer.execute(
      row.credential_id,
      {
        type: 'UpdateCredential',
        label,
        expiresAt,
        allowedApps,
        allowedAddresses,
        clients: allowedApps?.policy === 'specific' ? await knownClients(this.queries, allowedApps.clientIds) : [],
        policy,
        approval,
        at,
      },
      { metadata: eventMetadata(context), expectedRevision },
    );
    await this.requests.record(caller, row, after, policy, approval, at, context);
    return after;
  }
}
