import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Clock } from '@latchkey/building-blocks';
import { type InvitationView, ListPendingInvitationsIssuedByQuery } from '../../contracts';
import { InvitationListReadModel } from '../../read-models/invitation-list/invitation-list.read-model';

@QueryHandler(ListPendingInvitationsIssuedByQuery)
export class ListPendingInvitationsIssuedByHandler implements IQueryHandler<ListPendingInvitationsIssuedByQuery> {
  constructor(
    private readonly invitations: InvitationListReadModel,
    private readonly clock: Clock,
  ) {}

  async execute({ organizationId, userId }: ListPendingInvitationsIssuedByQuery): Promise<InvitationView[]> {
    return this.invitations.acceptableIssuedBy(organizationId, userId, this.clock.now());
  }
}
