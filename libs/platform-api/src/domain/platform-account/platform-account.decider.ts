import { type Environment } from '@latchkey/building-blocks';
import { type Decider } from '@latchkey/event-store';
import type { PlatformAccountEvent } from './platform-account.events';

export interface PlatformAccountState {
  /** The name set through the Platform API, or null while it is still the organization's name. */
  name: string | null;
}

/** The name is checked and trimmed at the edge (`RenameAccount`). */
export interface RenamePlatformAccount {
  type: 'RenamePlatformAccount';
  accountId: string;
  organizationId: string;
  environment: Environment;
  name: string;
  at: string;
}

/** Renames an account; renaming to the current name decides nothing. */
export const platformAccountDecider: Decider<PlatformAccountState, RenamePlatformAccount, PlatformAccountEvent> = {
  initialState: () => ({ name: null }),
  evolve: (state, event) => (event.type === 'PlatformAccountRenamed' ? { name: event.data.name } : state),
  decide(command, state) {
    if (state.name === command.name) return [];
    const { accountId, organizationId, environment, name, at } = command;
    return [{ type: 'PlatformAccountRenamed', data: { accountId, organizationId, environment, name, at } }];
  },
};
