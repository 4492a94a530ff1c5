import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { type AppClientView, VerifyClientSecretQuery } from '../../contracts';
import { AppDirectoryProjection } from '../../read-models/app-directory/app-directory.projection';

@QueryHandler(VerifyClientSecretQuery)
export class VerifyClientSecretHandler implements IQueryHandler<VerifyClientSecretQuery> {
  constructor(private readonly directory: AppDirectoryProjection) {}

  async execute(query: VerifyClientSecretQuery): Promise<AppClientView | null> {
    return this.directory.verifySecret(query.clientId, query.clientSecret);
  }
}
