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
    /**
     * The user id of the member who created it. Absent from apps created before it was recorded:
     * only developer_admins may change those.
     */
    createdBy?: string;
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

/** The app's name, scopes or grant types changed: the event carries all three as they now are. */
export type AppUpdated = DomainEvent<
  'AppUpdated',
  { appId: string; organizationId: string; name: string; scopes: Permission[]; grantTypes: GrantType[]; updatedAt: string }
>;

/** The app and its clients are gone: its client ids authenticate no more. */
export type AppDeleted = DomainEvent<'AppDeleted', { appId: string; organizationId: string; deletedAt: string }>;

export type AppEvent = AppCreated | AppClientCreated | AppClientSecretRotated | AppUpdated | AppDeleted;

export const APP_EVENT_TYPES = [
  'AppCreated',
  'AppClientCreated',
  'AppClientSecretRotated',
  'AppUpdated',
  'AppDeleted',
] as const satisfies readonly AppEvent['type'][];
