import { type Environment } from '@latchkey/building-blocks';
import type { DomainEvent } from '@latchkey/event-store';
import type { GrantType, Permission } from '../../contracts';

export const appStream = (appId: string): string => `app-${appId}`;
export const APP_STREAM_PREFIX = 'app-';

export type AppCreated = DomainEvent<
  'AppCreated',
  {
    appId: string;
    organizationId: string;
    name: string;
    scopes: Permission[];
    grantTypes: GrantType[];
    environments: Environment[];
    createdAt: string;
  }
>;

/**
 * A client of the app in one environment. `secretHash` is the SHA-256 of the client secret, which
 * is shown once to its creator and never stored.
 */
export type AppClientCreated = DomainEvent<
  'AppClientCreated',
  { appId: string; environment: Environment; clientId: string; secretHash: string; createdAt: string }
>;

export type AppClientSecretRotated = DomainEvent<
  'AppClientSecretRotated',
  { appId: string; environment: Environment; clientId: string; secretHash: string; rotatedAt: string }
>;

export type AppEvent = AppCreated | AppClientCreated | AppClientSecretRotated;

export const APP_EVENT_TYPES = ['AppCreated', 'AppClientCreated', 'AppClientSecretRotated'] as const satisfies readonly AppEvent['type'][];
