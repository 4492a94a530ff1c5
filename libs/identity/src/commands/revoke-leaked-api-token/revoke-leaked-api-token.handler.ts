import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@latchkey/building-blocks';
import { DeciderExecutor } from '@latchkey/event-store';
import { RevokeLeakedApiTokenCommand } from '../../contracts';
import { apiTokenDecider } from '../../domain/api-token/api-token.decider';
import { ApiTokenProjection } from '../../read-models/api-tokens/api-token.projection';
import { hashApiToken, isWellFormedApiToken } from '../../shared/api-tokens/api-token-format';
import { streams } from '../../shared/streams';

@CommandHandler(RevokeLeakedApiTokenCommand)
export class RevokeLeakedApiTokenHandler implements ICommandHandler<RevokeLeakedApiTokenCommand> {
  constructor(
    private readonly executor: DeciderExecutor,
    private readonly tokens: ApiTokenProjection,
    private readonly clock: Clock,
  ) {}

  async execute({ token, address, correlationId }: RevokeLeakedApiTokenCommand): Promise<boolean> {
    if (!isWellFormedApiToken(token)) return false;
    const active = this.tokens.findActive(hashApiToken(token), this.clock.now());
    if (!active) return false;
    const { events } = await this.executor.execute(
      apiTokenDecider,
      streams.apiToken(active.tokenId),
      { type: 'RevokeApiToken', revokedAt: this.clock.now().toISOString(), reason: 'leaked' },
      { metadata: { correlationId, actor: null, address } },
    );
    return events.length > 0;
  }
}
