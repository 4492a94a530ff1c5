import type { Environment } from '@latchkey/building-blocks';
import type { AppEvent } from './app.events';

export interface ClientState {
  clientId: string;
  secretHash: string;
}

export interface AppState {
  appId: string | null;
  organizationId: string;
  name: string;
  clients: Partial<Record<Environment, ClientState>>;
}

export const initialState = (): AppState => ({ appId: null, organizationId: '', name: '', clients: {} });

export function evolve(state: AppState, event: AppEvent): AppState {
  switch (event.type) {
    case 'AppCreated':
      return { ...state, appId: event.data.appId, organizationId: event.data.organizationId, name: event.data.name };
    case 'AppClientCreated':
    case 'AppClientSecretRotated':
      return {
        ...state,
        clients: { ...state.clients, [event.data.environment]: { clientId: event.data.clientId, secretHash: event.data.secretHash } },
      };
    default:
      return state;
  }
}
