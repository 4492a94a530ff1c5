import type { QueryBus } from '@nestjs/cqrs';
import { GetOrganizationPolicyQuery } from '@latchkey/organizations';
import type { CredentialPolicy } from '../domain/credential/credential-policy';

/** The credential rules of an organization's current policy, for a command to carry to the decider. */
export async function credentialPolicyOf(queries: QueryBus, organizationId: string): Promise<CredentialPolicy> {
  const policy = await queries.execute(new GetOrganizationPolicyQuery(organizationId));
  return {
    maxCredentialLifetimeDays: policy.maxCredentialLifetimeDays,
    requireExpiry: policy.requireExpiry,
    organizationWideCredentials: policy.organizationWideCredentials,
    thirdPartyApps: policy.thirdPartyApps,
  };
}
