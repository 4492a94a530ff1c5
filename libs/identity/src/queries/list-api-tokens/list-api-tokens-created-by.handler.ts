import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Clock } from '@latchkey/building-blocks';
import { type ApiTokenView, ListApiTokensCreatedByQuery } from '../../contracts';
import { ApiTokenProjection } from '../../read-models/api-tokens/api-token.projection';

@QueryHandler(ListApiTokensCreatedByQuery)
export class ListApiTokensCreatedByHandler implements IQueryHandler<ListApiTokensCreatedByQuery> {
  constructor(
    private readonly tokens: ApiTokenProjection,
    private readonly clock: Clock,
  ) {}

  async execute({ userId }: ListApiTokensCreatedByQuery): Promise<ApiTokenView[]> {
    return this.tokens.listCreatedBy(userId, this.clock.now());
  }
}
