import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { GetOrganizationPolicyQuery, type OrganizationPolicyView } from '../../contracts';
import { PolicyReadModel } from '../../read-models/policy/policy.read-model';

@QueryHandler(GetOrganizationPolicyQuery)
export class GetOrganizationPolicyHandler implements IQueryHandler<GetOrganizationPolicyQuery> {
  constructor(private readonly policies: PolicyReadModel) {}

  execute({ organizationId }: GetOrganizationPolicyQuery): Promise<OrganizationPolicyView> {
    return Promise.resolve(this.policies.of(organizationId));
  }
}
