import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { GetUserByEnvironmentUserIdQuery, type UserView } from '../../contracts';
import { UserReadModel } from '../../read-models/users/user.read-model';

@QueryHandler(GetUserByEnvironmentUserIdQuery)
export class GetUserByEnvironmentUserIdHandler implements IQueryHandler<GetUserByEnvironmentUserIdQuery> {
  constructor(private readonly users: UserReadModel) {}

  async execute(query: GetUserByEnvironmentUserIdQuery): Promise<UserView | null> {
    if (query.environment !== 'production' && query.environment !== 'sandbox') return null;
    return this.users.findByEnvironmentUserId(query.environment, query.environmentUserId);
  }
}
