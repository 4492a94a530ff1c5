import type { Decider } from '@latchkey/event-store';
import { type CredentialRequestCommand, decide } from './credential-request.decide';
import type { CredentialRequestEvent } from './credential-request.events';
import { type CredentialRequestState, evolve, initialCredentialRequestState } from './credential-request.state';

/**
 * A request for an app of another organization to use a credential: made pending (or approved at
 * once, for a developer_admin), then approved or denied once, by a developer_admin of the
 * credential's organization. The credential itself follows the decision (`ApproveApp`, `DenyApp`).
 */
export const credentialRequestDecider: Decider<CredentialRequestState, CredentialRequestCommand, CredentialRequestEvent> = {
  initialState: initialCredentialRequestState,
  evolve,
  decide,
};
