import { CommandHandler, type ICommandHandler, QueryBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { Clock, DomainError } from '@latchkey/building-blocks';
import { DeciderExecutor, eventMetadata } from '@latchkey/event-store';
import { GetUserQuery } from '@latchkey/identity';
import { credentialDecider } from '../../domain/credential/credential.decider';
import { type CredentialCreated, credentialStream } from '../../domain/credential/credential.events';
import { developerAccessRequired, hasDeveloperAccess } from '../../shared/credential-access';
import { knownClients } from '../../shared/known-clients';
import { credentialPolicyOf } from '../../shared/organization-policy';
import { CreateCredentialCommand, type CreatedCredential } from './create-credential.command';
import { validCreation } from './create-credential.validation';
import { CredentialJwtMinter } from './credential-jwt';

@CommandHandler(CreateCredentialCommand)
export class CreateCredentialHandler implements ICommandHandler<CreateCredentialCommand> {
  constructor(
    private readonly executor: DeciderExecutor,
    private readonly queries: QueryBus,
    private readonly clock: Clock,
    private readonly minter: CredentialJwtMinter,
  ) {}

  async execute({ caller, input, context }: CreateCredentialCommand): Promise<CreatedCredential> {
    // The route requires the role too; the command is refused whoever sends it.
    if (!hasDeveloperAccess(caller)) throw developerAccessRequired();
    const user = await this.queries.execute(new GetUserQuery(caller.userId));
    if (!user) throw new DomainError('unauthenticated', 'UNAUTHENTICATED', 'Your account no longer exists');
    const at = this.clock.now().toISOString();
    const { label, environment, expiresAt, allowedApps, allowedAddresses } = validCreation(input, at);
    const environmentUserId = environment === 'production' ? user.accounts.production.userId : (user.accounts.sandbox?.userId ?? null);
    const credentialId = randomUUID();
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
        owner: { userId: caller.userId, email: user.email, organizationId: caller.organizationId, environmentUserId },
        clients: await knownClients(this.queries, allowedApps.clientIds),
        policy: await credentialPolicyOf(this.queries, caller.organizationId),
        at,
      },
      { metadata: eventMetadata(context) },
    );
    const created = events[0] as CredentialCreated;
    return { credentialId, jwt: this.minter.mint(created.data) };
  }
}
