import { CommandHandler, type ICommandHandler, QueryBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { Clock, DomainError } from '@latchkey/building-blocks';
import { DeciderExecutor, eventMetadata } from '@latchkey/event-store';
import { GetUserQuery } from '@latchkey/identity';
import { isServiceUser, type MembershipView, serviceUserRequired } from '@latchkey/organizations';
import { credentialDecider } from '../../domain/credential/credential.decider';
import { type CredentialCreated, credentialStream } from '../../domain/credential/credential.events';
import { developerAccessRequired, hasDeveloperAccess } from '../../shared/credential-access';
import { knownClients } from '../../shared/known-clients';
import { CredentialListReadModel } from '../../read-models/credential-list/credential-list.read-model';
import { optionalRequestText } from '../../shared/credential-input';
import { credentialPolicyOf } from '../../shared/organization-policy';
import { approvalOf, ThirdPartyRequests } from '../../shared/third-party-requests';
import { CreateCredentialCommand, type CreatedCredential } from './create-credential.command';
import { validCreation } from './create-credential.validation';
import { CredentialJwtMinter } from './credential-jwt';

/** Only a developer_admin creates a credential for another member, and only for a service user of their organization. */
function requireServiceUserOfAdmin(admin: MembershipView, owner: MembershipView): void {
  if (admin.role !== 'developer_admin') throw new DomainError('forbidden', 'DEVELOPER_ADMIN_REQUIRED', 'Only a developer admin can do this');
  if (owner.organizationId !== admin.organizationId || owner.status !== 'active') {
    throw new DomainError('not-found', 'MEMBER_NOT_FOUND', 'No such member of your organization');
  }
  if (!isServiceUser(owner)) throw serviceUserRequired('credentials');
}

@CommandHandler(CreateCredentialCommand)
export class CreateCredentialHandler implements ICommandHandler<CreateCredentialCommand> {
  constructor(
    private readonly executor: DeciderExecutor,
    private readonly queries: QueryBus,
    private readonly clock: Clock,
    private readonly minter: CredentialJwtMinter,
    private readonly credentials: CredentialListReadModel,
    private readonly requests: ThirdPartyRequests,
  ) {}

  async execute({ caller, input, context, owner = caller }: CreateCredentialCommand): Promise<CreatedCredential> {
    // The route requires the role too; the command is refused whoever sends it.
    if (!hasDeveloperAccess(caller)) throw developerAccessRequired();
    if (owner !== caller) requireServiceUserOfAdmin(caller, owner);
    if (!hasDeveloperAccess(owner)) throw developerAccessRequired();
    const user = await this.queries.execute(new GetUserQuery(owner.userId));
    if (!user) throw new DomainError('unauthenticated', 'UNAUTHENTICATED', 'Your account no longer exists');
    const at = this.clock.now().toISOString();
    const { label, environment, expiresAt, allowedApps, allowedAddresses } = validCreation(input, at);
    const environmentUserId = environment === 'production' ? user.accounts.production.userId : (user.accounts.sandbox?.userId ?? null);
    const justification = optionalRequestText('justification', input.justification);
    const policy = await credentialPolicyOf(this.queries, caller.organizationId);
    const credentialId = randomUUID();
    const approval = approvalOf(caller, justification, allowedApps.clientIds);
    const { events } = await this.executor.execute(
      credentialDecider,
      credentialStream(credentialId),
      {
        type: 'CreateCredential',
        credentialId,
        label,
        environment,
        expiresAt,
        allowedApps,
        allowedAddresses,
        owner: { userId: owner.userId, email: user.email, organizationId: owner.organizationId, environmentUserId },
        clients: await knownClients(this.queries, allowedApps.clientIds),
        policy,
        approval,
        at,
      },
      { metadata: eventMetadata(context) },
    );
    const created = events[0] as CredentialCreated;
    const row = this.credentials.byId(credentialId);
    if (row) await this.requests.record(caller, null, row, policy, approval, at, context);
    return { credentialId, jwt: this.minter.mint(created.data) };
  }
}
