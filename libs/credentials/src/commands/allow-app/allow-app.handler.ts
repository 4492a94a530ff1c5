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
import { AllowAppCommand } from './allow-app.command';
import { validClientId } from './allow-app.validation';

@CommandHandler(AllowAppCommand)
export class AllowAppHandler implements ICommandHandler<AllowAppCommand> {
  constructor(
    private readonly access: CredentialAccess,
    private readonly writer: CredentialWriter,
    private readonly queries: QueryBus,
    private readonly clock: Clock,
    private readonly requests: ThirdPartyRequests,
  ) {}

  async execute({ caller, credentialId, clientId, justification, expectedRevision, context }: AllowAppCommand): Promise<CredentialRow> {
    const row = this.access.changeable(credentialId, caller);
    const app = validClientId(clientId);
    const reason = optionalRequestText('justification', justification);
    const policy = await credentialPolicyOf(this.queries, row.organization_id);
    const at = this.clock.now().toISOString();
    const approval = approvalOf(caller, reason, [app]);
    const after = await this.writer.execute(
      row.credential_id,
      { type: 'AllowApp', clientId: app, clients: await knownClients(this.queries, [app]), policy, approval, at },
      { metadata: eventMetadata(context), expectedRevision },
    );
    await this.requests.record(caller, row, after, policy, approval, at, context);
    return after;
  }
}
