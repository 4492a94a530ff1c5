import { DEFAULT_ORGANIZATION_POLICY, type OrganizationPolicy } from '../../contracts';
import type { PolicyEvent } from './policy.events';

export interface PolicyState {
  policy: OrganizationPolicy;
  /** How many times the policy changed: the revision its readers see (0 for the defaults). */
  revision: number;
}

export const initialPolicyState = (): PolicyState => ({ policy: DEFAULT_ORGANIZATION_POLICY, revision: 0 });

export function evolve(state: PolicyState, event: PolicyEvent): PolicyState {
  switch (event.type) {
    case 'OrganizationPolicyChanged':
      return { policy: event.data.policy, revision: state.revision + 1 };
    default:
      return state;
  }
}
