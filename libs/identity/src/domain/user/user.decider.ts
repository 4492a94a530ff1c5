import { DomainError } from '@latchkey/building-blocks';
import { type Decider } from '@latchkey/event-store';
import type { Onboarding } from '../../contracts';
import { type AccountSecurityCommand, ACCOUNT_SECURITY_COMMANDS, decideAccountSecurity, evolveAccountSecurity } from './account-security.decide';
import { type AccountSecurityState, initialAccountSecurity } from './account-security.state';
import type { AccountSecurityEvent, UserEvent } from './user.events';

export type UserState =
  | { status: 'unregistered' }
  | ({
      status: 'active' | 'deactivated';
      userId: string;
      /** A service user has no password and never signs in: no account-security command applies to them. */
      kind: 'person' | 'service';
      productionUserId: string;
      sandboxUserId: string | null;
    } & AccountSecurityState);

export type UserCommand =
  | {
      type: 'RegisterUser';
      userId: string;
      email: string;
      name: string;
      passwordHash: string;
      productionUserId: string;
      registeredAt: string;
      onboarding?: Onboarding;
    }
  | {
      type: 'RegisterServiceUser';
      userId: string;
      email: string;
      name: string;
      productionUserId: string;
      registeredAt: string;
      onboarding?: Onboarding;
    }
  | { type: 'CreateSandboxAccount'; sandboxUserId: string; createdAt: string }
  | { type: 'DeactivateUser'; reason: string; deactivatedAt: string }
  | AccountSecurityCommand;

const isAccountSecurity = (command: UserCommand): command is AccountSecurityCommand => ACCOUNT_SECURITY_COMMANDS.has(command.type);

const notFound = () => new DomainError('not-found', 'USER_NOT_FOUND', 'No such user');

export const userDecider: Decider<UserState, UserCommand, UserEvent> = {
  initialState: () => ({ status: 'unregistered' }),

  evolve(state, event) {
    switch (event.type) {
      case 'UserRegistered':
        return {
          status: 'active',
          userId: event.data.userId,
          kind: event.data.kind ?? 'person',
          productionUserId: event.data.productionUserId,
          sandboxUserId: null,
          ...initialAccountSecurity(),
        };
      case 'SandboxAccountCreated':
        return state.status === 'unregistered' ? state : { ...state, sandboxUserId: event.data.environmentUserId };
      case 'UserDeactivated':
        return state.status === 'unregistered' ? state : { ...state, status: 'deactivated' };
      default:
        return state.status === 'unregistered' ? state : { ...state, ...evolveAccountSecurity(state, event as AccountSecurityEvent) };
    }
  },

  decide(command, state) {
    if (isAccountSecurity(command)) {
      // A service user has no password or second factor to change, reset or clear.
      if (state.status === 'unregistered' || state.kind === 'service') throw notFound();
      if (state.status === 'deactivated') throw new DomainError('forbidden', 'USER_DEACTIVATED', 'This user is deactivated');
      return decideAccountSecurity(command, state.userId, state);
    }
    switch (command.type) {
      case 'RegisterUser': {
        if (state.status !== 'unregistered') throw new DomainError('conflict', 'USER_ALREADY_REGISTERED', 'This user is already registered');
        const { type: _type, ...data } = command;
        return [{ type: 'UserRegistered', data }];
      }
      case 'RegisterServiceUser': {
        if (state.status !== 'unregistered') throw new DomainError('conflict', 'USER_ALREADY_REGISTERED', 'This user is already registered');
        const { type: _type, ...data } = command;
        return [{ type: 'UserRegistered', data: { ...data, kind: 'service' } }];
      }
      case 'CreateSandboxAccount': {
        if (state.status === 'unregistered') throw notFound();
        if (state.status === 'deactivated') throw new DomainError('forbidden', 'USER_DEACTIVATED', 'This user is deactivated');
        if (state.sandboxUserId !== null) throw new DomainError('conflict', 'SANDBOX_ACCOUNT_EXISTS', 'You already have a sandbox account');
        if (command.sandboxUserId === state.productionUserId) {
          throw new DomainError('conflict', 'ENVIRONMENT_USER_ID_TAKEN', 'Each environment needs its own user id');
        }
        return [
          {
            type: 'SandboxAccountCreated',
            data: { userId: state.userId, environment: 'sandbox', environmentUserId: command.sandboxUserId, createdAt: command.createdAt },
          },
        ];
      }
      case 'DeactivateUser': {
        if (state.status === 'unregistered') throw notFound();
        if (state.status === 'deactivated') return [];
        return [{ type: 'UserDeactivated', data: { userId: state.userId, reason: command.reason, deactivatedAt: command.deactivatedAt } }];
      }
    }
  },
};
