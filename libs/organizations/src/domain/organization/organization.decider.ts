import { type Decider } from '@latchkey/event-store';
import { decide, type OrganizationCommand } from './organization.decide';
import type { OrganizationEvent } from './organization.events';
import { evolve, initialState, type OrganizationState } from './organization.state';

/** An organization and its memberships: who belongs, with which role and platform permissions. */
export const organizationDecider: Decider<OrganizationState, OrganizationCommand, OrganizationEvent> = { initialState, evolve, decide };
