import { type Decider } from '@latchkey/event-store';
import { type CredentialCommand, decide, decideUsage, type RecordUsage } from './credential.decide';
import type { CredentialEvent } from './credential.events';
import { type CredentialState, evolve, initialCredentialState } from './credential.state';

/**
 * A JWT credential: created once for its owner in one environment, then changed only while it is
 * active (not revoked, deleted or expired). Its allowed apps are either the organization's apps or
 * a non-empty list of distinct client ids of that environment.
 */
export const credentialDecider: Decider<CredentialState, CredentialCommand, CredentialEvent> = {
  initialState: initialCredentialState,
  evolve,
  decide,
};

/** Decides the `CredentialUsed` events of a batch from the credential's own events. */
export const credentialUsageDecider: Decider<CredentialState, RecordUsage, CredentialEvent> = {
  initialState: initialCredentialState,
  evolve,
  decide: decideUsage,
};
