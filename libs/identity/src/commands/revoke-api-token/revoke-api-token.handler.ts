import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock, DomainError } from '@latchkey/building-blocks';
import { DeciderExecutor, eventMetadata } from '@latchkey/event-store';
import { RevokeApiTokenCommand } from '../../contracts';
import { apiTokenDecider } from '../../domain/api-token/api-token.decider';
import { ApiTokenProjection } from '../../read-models/api-tokens/api-token.projection';
import { streams } from '../../shared/streams';

/** Revokes a token of one of the given owners; answers once the in-memory index no longer holds it. */
@CommandHandler(RevokeApiTokenCommand)
export class RevokeApiTokenHandler implements ICommandHandler<RevokeApiTokenCommand> {
  constructor(
    private readonly executor: DeciderExecutor,
    private readonly tokens: ApiTokenProjection,
    private readonly clock: Clock,
  ) {}

  async execute({ tokenId, ownerIds, context }: RevokeApiTokenCommand): Promise<void> {
    const owner = this.tokens.ownerOf(tokenId);
    if (owner === null || !ownerIds.includes(owner)) throw new DomainError('not-found', 'API_TOKEN_NOT_FOUND', 'No such API token');
    await this.executor.execute(
      apiTokenDecider,
      streams.apiToken(tokenId),
      { type: 'RevokeApiToken', revokedAt: this.clock.now().toISOString() },
      { metadata: eventMetadata(context) },
    );
  }
}
