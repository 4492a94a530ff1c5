import type { Environment } from '@latchkey/building-blocks';
import type { GrantType, Permission } from '../../contracts';
import type { AppEvent } from './app.events';

export interface ClientState {
  clientId: string;
  secretHash: string;
}

export interface AppState {
  appId: string | null;
  organizationId: string;
  name: string;
  scopes: Permission[];
  grantTypes: GrantType[];
  /** null for apps created before creators were recorded. */
  createdBy: string | null;
  deleted: boolean;
  clients: Partial<Record<Environment, ClientState>>;
}

export const initialState = (): AppState => ({
  appId: null,
  organizationId: '',
  name: '',
  scopes: [],
  grantTypes: [],
  createdBy: null,
  deleted: false,
  clients: {},
});

export function evolve(state: AppState, event: AppEvent): AppState {
  switch (event.type) {
    case 'AppCreated': {
      const { appId, organizationId, name, scopes, grantTypes, createdBy } = event.data;
      return { ...state, appId, organizationId, name, scopes, grantTypes, createdBy: createdBy ?? null };
    }
    case 'AppClientCreated':
    case 'AppClientSecretRotated':
      return {
        ...state,
        clients: { ...state.clients, [event.data.environment]: { clientId: event.data.clientId, secretHash: event.data.secretHash } },
      };
    case 'AppUpdated':
      return { ...state, name: event.data.name, scopes: event.data.scopes, grantTypes: event.data.grantTypes };
    case 'AppDeleted':
      return { ...state, deleted: true };
    default:
      return state;
  }
}
