import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { GetUserQuery, type UserView } from '../../contracts';
import { UserReadModel } from '../../read-models/users/user.read-model';

@QueryHandler(GetUserQuery)
export class GetUserHandler implements IQueryHandler<GetUserQuery> {
  constructor(private readonly users: UserReadModel) {}

  async execute(query: GetUserQuery): Promise<UserView | null> {
    return this.users.findById(query.userId);
  }
}
