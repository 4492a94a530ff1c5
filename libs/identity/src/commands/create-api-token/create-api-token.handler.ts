import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { Clock } from '@latchkey/building-blocks';
import { DeciderExecutor, eventMetadata } from '@latchkey/event-store';
import { CreateApiTokenCommand, type CreatedApiToken } from '../../contracts';
import { apiTokenDecider } from '../../domain/api-token/api-token.decider';
import { hashApiToken, newApiToken } from '../../shared/api-tokens/api-token-format';
import { FreshProof } from '../../shared/account-security/fresh-proof';
import { streams } from '../../shared/streams';

/** Checks the fresh proof first (nothing is decided for a caller who cannot give it), then issues the token, shown once. */
@CommandHandler(CreateApiTokenCommand)
export class CreateApiTokenHandler implements ICommandHandler<CreateApiTokenCommand> {
  constructor(
    private readonly executor: DeciderExecutor,
    private readonly proof: FreshProof,
    private readonly clock: Clock,
  ) {}

  async execute(command: CreateApiTokenCommand): Promise<CreatedApiToken> {
    await this.proof.verifyFreshProof(command.proverId, command.proof, command.context);
    const token = newApiToken();
    const tokenId = randomUUID();
    const createdAt = this.clock.now().toISOString();
    const { events } = await this.executor.execute(
      apiTokenDecider,
      streams.apiToken(tokenId),
      {
        type: 'CreateApiToken',
        tokenId,
        ownerId: command.ownerId,
        organizationId: command.organizationId,
        name: command.name,
        scopes: command.scopes,
        grantableScopes: command.grantableScopes,
        tokenHash: hashApiToken(token),
        createdAt,
        expiresAt: command.expiresAt,
        createdBy: command.proverId,
      },
      { metadata: eventMetadata(command.context) },
    );
    const created = events[0];
    if (created?.type !== 'ApiTokenCreated') throw new Error('The API token was not created');
    const { data } = created;
    return {
      token,
      view: {
        id: tokenId,
        ownerId: data.ownerId,
        name: data.name,
        scopes: data.scopes,
        createdAt: data.createdAt,
        expiresAt: data.expiresAt,
        lastUsedAt: null,
        status: 'active',
      },
    };
  }
}
