import { DomainError, type Environment } from '@latchkey/building-blocks';
import { type Decider } from '@latchkey/event-store';
import type { PlatformAccountEvent } from './platform-account.events';

export interface PlatformAccountState {
  /** The name set through the Platform API, or null while it is still the organization's name. */
  name: string | null;
}

export interface RenamePlatformAccount {
  type: 'RenamePlatformAccount';
  accountId: string;
  organizationId: string;
  environment: Environment;
  name: string;
  at: string;
}

export const ACCOUNT_NAME_MAX_LENGTH = 100;

/** Renames an account; renaming to the current name decides nothing. */
export const platformAccountDecider: Decider<PlatformAccountState, RenamePlatformAccount, PlatformAccountEvent> = {
  initialState: () => ({ name: null }),
  evolve: (state, event) => (event.type === 'PlatformAccountRenamed' ? { name: event.data.name } : state),
  decide(command, state) {
    const name = command.name.trim();
    if (name === '' || name.length > ACCOUNT_NAME_MAX_LENGTH) {
      throw new DomainError('validation', 'ACCOUNT_NAME_INVALID', `The account name must have 1 to ${ACCOUNT_NAME_MAX_LENGTH} characters`, {
        errors: [{ field: 'name', message: `name must have 1 to ${ACCOUNT_NAME_MAX_LENGTH} characters` }],
      });
    }
    if (state.name === name) return [];
    return [
      {
        type: 'PlatformAccountRenamed',
        data: { accountId: command.accountId, organizationId: command.organizationId, environment: command.environment, name, at: command.at },
      },
    ];
  },
};
