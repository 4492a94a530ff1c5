import { type Decider } from '@latchkey/event-store';
import { decide, type PolicyCommand } from './policy.decide';
import type { PolicyEvent } from './policy.events';
import { evolve, initialPolicyState, type PolicyState } from './policy.state';

/** An organization's credential policy: one document, replaced as a whole, its revision counting its changes. */
export const policyDecider: Decider<PolicyState, PolicyCommand, PolicyEvent> = { initialState: initialPolicyState, evolve, decide };
