import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { GetMembershipQuery, type MembershipView } from '../../contracts';
import { MemberListReadModel } from '../../read-models/members/member-list.read-model';

@QueryHandler(GetMembershipQuery)
export class GetMembershipHandler implements IQueryHandler<GetMembershipQuery> {
  constructor(private readonly members: MemberListReadModel) {}

  async execute(query: GetMembershipQuery): Promise<MembershipView | null> {
    return this.members.membershipOf(query.userId);
  }
}
