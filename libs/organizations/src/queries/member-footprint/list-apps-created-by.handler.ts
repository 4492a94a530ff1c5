import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { type AppSummary, ListAppsCreatedByQuery } from '../../contracts';
import { AppDirectoryProjection } from '../../read-models/app-directory/app-directory.projection';

@QueryHandler(ListAppsCreatedByQuery)
export class ListAppsCreatedByHandler implements IQueryHandler<ListAppsCreatedByQuery> {
  constructor(private readonly directory: AppDirectoryProjection) {}

  async execute({ organizationId, userId }: ListAppsCreatedByQuery): Promise<AppSummary[]> {
    return this.directory.appsCreatedBy(organizationId, userId);
  }
}
