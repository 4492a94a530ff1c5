import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { type AppClientView, GetAppClientQuery } from '../../contracts';
import { AppDirectoryProjection } from '../../read-models/app-directory/app-directory.projection';

@QueryHandler(GetAppClientQuery)
export class GetAppClientHandler implements IQueryHandler<GetAppClientQuery> {
  constructor(private readonly directory: AppDirectoryProjection) {}

  async execute(query: GetAppClientQuery): Promise<AppClientView | null> {
    return this.directory.client(query.clientId);
  }
}
