import { DomainError } from '@latchkey/building-blocks';
import type { OrganizationPolicy } from '../../contracts';
import type { PolicyEvent } from './policy.events';
import type { PolicyState } from './policy.state';

/** The whole new policy (checked at the edge: every field present and in range). */
export type SetPolicy = {
  type: 'SetPolicy';
  organizationId: string;
  policy: OrganizationPolicy;
  /** The revision from `If-Match`; a policy changed since is refused with 412. */
  expectedRevision?: number;
  at: string;
};

export type PolicyCommand = SetPolicy;

/** The fields in a fixed order, so that two equal policies compare equal whatever order they were written in. */
export const normalisedPolicy = (p: OrganizationPolicy): OrganizationPolicy => ({
  maxCredentialLifetimeDays: p.maxCredentialLifetimeDays,
  requireExpiry: p.requireExpiry,
  organizationWideCredentials: { production: p.organizationWideCredentials.production, sandbox: p.organizationWideCredentials.sandbox },
  thirdPartyApps: p.thirdPartyApps,
  inactiveCredentialRevocationDays: p.inactiveCredentialRevocationDays,
  requireMfa: p.requireMfa,
});

const samePolicy = (a: OrganizationPolicy, b: OrganizationPolicy) => JSON.stringify(normalisedPolicy(a)) === JSON.stringify(normalisedPolicy(b));

/**
 * A policy replaces the previous one as a whole; setting the same policy again records nothing.
 * The policy never changes existing credentials itself: they are listed as violations, and the
 * inactivity schedule gives every credential its notice before any revocation.
 */
export function decide(command: PolicyCommand, state: PolicyState): PolicyEvent[] {
  if (command.expectedRevision !== undefined && command.expectedRevision !== state.revision) {
    throw new DomainError(
      'precondition',
      'REVISION_MISMATCH',
      `The policy is at revision ${state.revision}, not ${command.expectedRevision}; read it again and retry`,
    );
  }
  if (samePolicy(command.policy, state.policy)) return [];
  return [
    {
      type: 'OrganizationPolicyChanged',
      data: {
        organizationId: command.organizationId,
        policy: normalisedPolicy(command.policy),
        previous: normalisedPolicy(state.policy),
        changedAt: command.at,
      },
    },
  ];
}
