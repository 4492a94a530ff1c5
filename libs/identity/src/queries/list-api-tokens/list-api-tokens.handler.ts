import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Clock } from '@latchkey/building-blocks';
import { type ApiTokenView, ListApiTokensQuery } from '../../contracts';
import { ApiTokenProjection } from '../../read-models/api-tokens/api-token.projection';

@QueryHandler(ListApiTokensQuery)
export class ListApiTokensHandler implements IQueryHandler<ListApiTokensQuery> {
  constructor(
    private readonly tokens: ApiTokenProjection,
    private readonly clock: Clock,
  ) {}

  async execute({ ownerIds }: ListApiTokensQuery): Promise<ApiTokenView[]> {
    return this.tokens.listByOwners(ownerIds, this.clock.now());
  }
}
