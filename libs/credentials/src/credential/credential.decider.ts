import { DomainError, type Environment, type FieldError } from '@latchkey/building-blocks';
import { type Decider } from '@latchkey/event-store';
import {
  type AllowedAppsPolicy,
  type CredentialAllowedAppsSet,
  type CredentialEvent,
  type CredentialExpiryChanged,
  type CredentialLabelChanged,
  type CredentialUsed,
} from './credential.events';
import { clientIdErrors, labelErrors, MAX_ALLOWED_APPS, NEVER_EXPIRES_AT, parseInstant, REASON_MAX_LENGTH, textErrors } from './credential.rules';

export type CredentialStatus = 'none' | 'active' | 'revoked' | 'deleted';

export interface CredentialState {
  status: CredentialStatus;
  credentialId: string;
  environment: Environment;
  label: string;
  expiresAt: string | null;
  /** The `exp` written into the JWT at creation: an expiry can move earlier than this, never later. */
  tokenExpiresAt: string;
  policy: AllowedAppsPolicy;
  clientIds: string[];
  ownerId: string;
  organizationId: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/** An allowed-apps choice as the console sends it; checked by the decider. */
export interface AllowedAppsInput {
  type: AllowedAppsPolicy;
  clientIds?: string[];
}

/** What the app directory answered for the client ids a command names (unknown ids are absent). */
export interface KnownClient {
  clientId: string;
  environment: Environment;
}

export type CreateCredential = {
  type: 'CreateCredential';
  credentialId: string;
  label: string;
  environment: Environment;
  /** ISO date or date-time with offset, or null for "never". */
  expiresAt: string | null;
  allowedApps: AllowedAppsInput;
  owner: {
    userId: string;
    email: string;
    organizationId: string;
    /** The owner's user id in `environment`, or null when they have no account there. */
    environmentUserId: string | null;
  };
  clients: KnownClient[];
  at: string;
};

export type UpdateCredential = {
  type: 'UpdateCredential';
  label?: string;
  /** Absent: unchanged; null: never expires. */
  expiresAt?: string | null;
  allowedApps?: AllowedAppsInput;
  clients: KnownClient[];
  at: string;
};

export type AllowApp = { type: 'AllowApp'; clientId: string; clients: KnownClient[]; at: string };
export type DisallowApp = { type: 'DisallowApp'; clientId: string; at: string };

export type RevokeCredential = {
  type: 'RevokeCredential';
  reason: string | null;
  at: string;
  /** For reactions: a credential that is not active (or gone) is left as it is instead of failing. */
  skipIfNotActive?: boolean;
};

export type DeleteCredential = { type: 'DeleteCredential'; at: string };

export type RecordUsage = {
  type: 'RecordUsage';
  usages: { clientId: string; lastUsedAt: string; count: number }[];
};

export type CredentialCommand = CreateCredential | UpdateCredential | AllowApp | DisallowApp | RevokeCredential | DeleteCredential;

const notFound = () => new DomainError('not-found', 'CREDENTIAL_NOT_FOUND', 'No such credential');

function validationFailed(errors: FieldError[]): DomainError {
  return new DomainError('validation', 'VALIDATION_FAILED', errors.length === 1 ? errors[0].message : `${errors.length} fields are invalid`, {
    errors,
  });
}

const throwIfInvalid = (errors: FieldError[]): void => {
  if (errors.length > 0) throw validationFailed(errors);
};

export const isExpired = (state: Pick<CredentialState, 'expiresAt'>, at: string): boolean =>
  state.expiresAt !== null && Date.parse(state.expiresAt) <= Date.parse(at);

/** A credential that can still change: it exists, is not deleted, revoked or expired. */
function requireActive(state: CredentialState, at: string): void {
  if (state.status === 'none' || state.status === 'deleted') throw notFound();
  if (state.status === 'revoked') throw new DomainError('conflict', 'CREDENTIAL_NOT_ACTIVE', 'The credential is revoked; it can no longer change');
  if (isExpired(state, at)) throw new DomainError('conflict', 'CREDENTIAL_NOT_ACTIVE', 'The credential has expired; it can no longer change');
}

/** `expiresAt` checked and normalised; field errors when malformed or not in the future. */
function checkExpiry(value: string | null, at: string, errors: FieldError[]): string | null {
  if (value === null) return null;
  const normalised = parseInstant(value);
  if (normalised === null) {
    errors.push({ field: 'expiresAt', message: 'expiresAt must be an ISO 8601 date or date-time with a time zone, or null' });
    return null;
  }
  if (Date.parse(normalised) <= Date.parse(at)) errors.push({ field: 'expiresAt', message: 'expiresAt must be in the future' });
  else if (Date.parse(normalised) > Date.parse(NEVER_EXPIRES_AT)) {
    errors.push({ field: 'expiresAt', message: `expiresAt must not be after ${NEVER_EXPIRES_AT}; use null for a credential that never expires` });
  }
  return normalised;
}

function checkAllowedApps(input: AllowedAppsInput, errors: FieldError[]): { policy: AllowedAppsPolicy; clientIds: string[] } {
  const field = 'allowedApps.clientIds';
  if (input.type === 'organization') {
    if (input.clientIds !== undefined) errors.push({ field, message: 'clientIds are only given with allowedApps.type "specific"' });
    return { policy: 'organization', clientIds: [] };
  }
  if (input.type !== 'specific') {
    errors.push({ field: 'allowedApps.type', message: 'allowedApps.type must be "organization" or "specific"' });
    return { policy: 'organization', clientIds: [] };
  }
  const clientIds = input.clientIds;
  if (!Array.isArray(clientIds) || clientIds.length === 0) {
    errors.push({ field, message: 'a specific list must name at least one client id' });
    return { policy: 'specific', clientIds: [] };
  }
  if (clientIds.length > MAX_ALLOWED_APPS) errors.push({ field, message: `a specific list holds at most ${MAX_ALLOWED_APPS} apps` });
  const malformed = clientIds.flatMap((id) => clientIdErrors(field, id));
  if (malformed.length > 0) errors.push(malformed[0]);
  else if (new Set(clientIds).size !== clientIds.length) errors.push({ field, message: 'clientIds must not contain duplicates' });
  return { policy: 'specific', clientIds: [...clientIds] };
}

/** Every client id must be an app client of the credential's environment (of any organization). */
function requireKnownApps(field: string, clientIds: readonly string[], environment: Environment, clients: readonly KnownClient[]): void {
  const missing = clientIds.filter((id) => !clients.some((c) => c.clientId === id && c.environment === environment));
  if (missing.length === 0) return;
  throw new DomainError(
    'unprocessable',
    'APP_NOT_FOUND',
    missing.length === 1
      ? `No ${environment} app has the client id "${missing[0]}"`
      : `No ${environment} app has the client ids ${missing.map((id) => `"${id}"`).join(', ')}`,
    { errors: missing.map((id) => ({ field, message: `No ${environment} app has the client id "${id}"` })) },
  );
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

function create(command: CreateCredential, state: CredentialState): CredentialEvent[] {
  if (state.status !== 'none') throw new DomainError('conflict', 'CREDENTIAL_EXISTS', 'The credential already exists');
  const errors: FieldError[] = [...labelErrors(command.label)];
  const expiresAt = checkExpiry(command.expiresAt, command.at, errors);
  const { policy, clientIds } = checkAllowedApps(command.allowedApps, errors);
  throwIfInvalid(errors);
  const { owner, environment } = command;
  if (owner.environmentUserId === null) {
    throw environment === 'sandbox'
      ? new DomainError('conflict', 'SANDBOX_ACCOUNT_REQUIRED', 'You have no sandbox account: create one first (POST /console/v1/me/sandbox-account)')
      : new DomainError('conflict', 'ENVIRONMENT_ACCOUNT_REQUIRED', `You have no ${environment} account`);
  }
  requireKnownApps('allowedApps.clientIds', clientIds, environment, command.clients);
  return [
    {
      type: 'CredentialCreated',
      data: {
        credentialId: command.credentialId,
        label: command.label,
        environment,
        expiresAt,
        policy,
        clientIds,
        ownerId: owner.userId,
        ownerEmail: owner.email,
        ownerEnvironmentUserId: owner.environmentUserId,
        organizationId: owner.organizationId,
        createdAt: command.at,
      },
    },
  ];
}

function update(command: UpdateCredential, state: CredentialState): CredentialEvent[] {
  requireActive(state, command.at);
  const errors: FieldError[] = command.label !== undefined ? labelErrors(command.label) : [];
  const expiresAt = command.expiresAt !== undefined ? checkExpiry(command.expiresAt, command.at, errors) : undefined;
  const apps = command.allowedApps !== undefined ? checkAllowedApps(command.allowedApps, errors) : undefined;
  throwIfInvalid(errors);
  if (expiresAt !== undefined && Date.parse(expiresAt ?? NEVER_EXPIRES_AT) > Date.parse(state.tokenExpiresAt)) {
    throw new DomainError(
      'unprocessable',
      'EXPIRY_EXTENSION_NOT_ALLOWED',
      `The credential's JWT expires at ${state.tokenExpiresAt}; its expiry can be brought forward, not pushed later. Create a new credential instead`,
      { errors: [{ field: 'expiresAt', message: `expiresAt must not be after ${state.tokenExpiresAt}` }] },
    );
  }
  if (apps?.policy === 'specific') requireKnownApps('allowedApps.clientIds', apps.clientIds, state.environment, command.clients);

  const { credentialId } = state;
  const changedAt = command.at;
  const events: CredentialEvent[] = [];
  if (command.label !== undefined && command.label !== state.label) {
    events.push({
      type: 'CredentialLabelChanged',
      data: { credentialId, label: command.label, previousLabel: state.label, changedAt },
    } satisfies CredentialLabelChanged);
  }
  if (expiresAt !== undefined && expiresAt !== state.expiresAt) {
    events.push({
      type: 'CredentialExpiryChanged',
      data: { credentialId, expiresAt, previousExpiresAt: state.expiresAt, changedAt },
    } satisfies CredentialExpiryChanged);
  }
  if (apps && (apps.policy !== state.policy || !sameSet(apps.clientIds, state.clientIds))) {
    events.push({ type: 'CredentialAllowedAppsSet', data: { credentialId, ...apps, changedAt } } satisfies CredentialAllowedAppsSet);
  }
  return events;
}

function allowApp(command: AllowApp, state: CredentialState): CredentialEvent[] {
  requireActive(state, command.at);
  throwIfInvalid(clientIdErrors('clientId', command.clientId));
  requireKnownApps('clientId', [command.clientId], state.environment, command.clients);
  const { credentialId } = state;
  if (state.policy === 'organization') {
    // Naming one app turns "apps of my organization" into a specific list of that one app.
    return [{ type: 'CredentialAllowedAppsSet', data: { credentialId, policy: 'specific', clientIds: [command.clientId], changedAt: command.at } }];
  }
  if (state.clientIds.includes(command.clientId)) return [];
  if (state.clientIds.length >= MAX_ALLOWED_APPS) {
    throw new DomainError('conflict', 'ALLOWED_APPS_LIMIT_REACHED', `A credential allows at most ${MAX_ALLOWED_APPS} specific apps`);
  }
  return [{ type: 'CredentialAppAllowed', data: { credentialId, clientId: command.clientId, changedAt: command.at } }];
}

function disallowApp(command: DisallowApp, state: CredentialState): CredentialEvent[] {
  requireActive(state, command.at);
  if (state.policy === 'organization') {
    throw new DomainError(
      'conflict',
      'ALLOWED_APPS_NOT_SPECIFIC',
      'The credential allows the apps of its organization, not a list; set a specific list instead (PATCH allowedApps)',
    );
  }
  if (!state.clientIds.includes(command.clientId)) {
    throw new DomainError('not-found', 'ALLOWED_APP_NOT_FOUND', `The client id "${command.clientId}" is not in the credential's allowed apps`);
  }
  if (state.clientIds.length === 1) {
    throw new DomainError(
      'conflict',
      'LAST_ALLOWED_APP',
      'A specific list cannot become empty; allow another app first, switch to the organization policy, or revoke the credential',
    );
  }
  return [{ type: 'CredentialAppDisallowed', data: { credentialId: state.credentialId, clientId: command.clientId, changedAt: command.at } }];
}

function revoke(command: RevokeCredential, state: CredentialState): CredentialEvent[] {
  if (command.skipIfNotActive && (state.status !== 'active' || isExpired(state, command.at))) return [];
  requireActive(state, command.at);
  if (command.reason !== null) throwIfInvalid(textErrors('reason', command.reason, { min: 0, max: REASON_MAX_LENGTH }));
  const reason = command.reason === null || command.reason.trim() === '' ? null : command.reason;
  return [{ type: 'CredentialRevoked', data: { credentialId: state.credentialId, reason, revokedAt: command.at } }];
}

function remove(command: DeleteCredential, state: CredentialState): CredentialEvent[] {
  // Revoked and expired credentials can be deleted: that is how they leave the lists.
  if (state.status === 'none' || state.status === 'deleted') throw notFound();
  return [{ type: 'CredentialDeleted', data: { credentialId: state.credentialId, deletedAt: command.at } }];
}

/**
 * Uses of a credential are decided on the credential's state but recorded in a stream of their
 * own (`credentialUsage-<id>`), so they never move the credential's revision under a console edit.
 * Uses of a credential that is no longer active, or made after its expiry, are not recorded.
 */
function recordUsage(command: RecordUsage, state: CredentialState): CredentialEvent[] {
  if (state.status !== 'active') return [];
  const byClient = new Map<string, { lastUsedAt: string; count: number }>();
  for (const usage of command.usages) {
    const lastUsedAt = parseInstant(usage.lastUsedAt);
    if (lastUsedAt === null || !Number.isInteger(usage.count) || usage.count < 1 || isExpired(state, lastUsedAt)) continue;
    const seen = byClient.get(usage.clientId);
    byClient.set(usage.clientId, {
      lastUsedAt: seen && seen.lastUsedAt > lastUsedAt ? seen.lastUsedAt : lastUsedAt,
      count: (seen?.count ?? 0) + usage.count,
    });
  }
  return [...byClient].map(([clientId, use]): CredentialUsed => ({
    type: 'CredentialUsed',
    data: { credentialId: state.credentialId, clientId, ...use },
  }));
}

function decide(command: CredentialCommand, state: CredentialState): CredentialEvent[] {
  switch (command.type) {
    case 'CreateCredential':
      return create(command, state);
    case 'UpdateCredential':
      return update(command, state);
    case 'AllowApp':
      return allowApp(command, state);
    case 'DisallowApp':
      return disallowApp(command, state);
    case 'RevokeCredential':
      return revoke(command, state);
    case 'DeleteCredential':
      return remove(command, state);
  }
}

function evolve(state: CredentialState, event: CredentialEvent): CredentialState {
  switch (event.type) {
    case 'CredentialCreated': {
      const d = event.data;
      return {
        status: 'active',
        credentialId: d.credentialId,
        environment: d.environment,
        label: d.label,
        expiresAt: d.expiresAt,
        tokenExpiresAt: d.expiresAt ?? NEVER_EXPIRES_AT,
        policy: d.policy,
        clientIds: d.clientIds,
        ownerId: d.ownerId,
        organizationId: d.organizationId,
        revokedAt: null,
        lastUsedAt: null,
      };
    }
    case 'CredentialLabelChanged':
      return { ...state, label: event.data.label };
    case 'CredentialExpiryChanged':
      return { ...state, expiresAt: event.data.expiresAt };
    case 'CredentialAllowedAppsSet':
      return { ...state, policy: event.data.policy, clientIds: event.data.clientIds };
    case 'CredentialAppAllowed':
      return { ...state, clientIds: [...state.clientIds, event.data.clientId] };
    case 'CredentialAppDisallowed':
      return { ...state, clientIds: state.clientIds.filter((id) => id !== event.data.clientId) };
    case 'CredentialRevoked':
      return { ...state, status: 'revoked', revokedAt: event.data.revokedAt };
    case 'CredentialDeleted':
      return { ...state, status: 'deleted' };
    case 'CredentialUsed':
      return { ...state, lastUsedAt: state.lastUsedAt && state.lastUsedAt > event.data.lastUsedAt ? state.lastUsedAt : event.data.lastUsedAt };
    default:
      return state;
  }
}

export const initialCredentialState = (): CredentialState => ({
  status: 'none',
  credentialId: '',
  environment: 'production',
  label: '',
  expiresAt: null,
  tokenExpiresAt: NEVER_EXPIRES_AT,
  policy: 'organization',
  clientIds: [],
  ownerId: '',
  organizationId: '',
  revokedAt: null,
  lastUsedAt: null,
});

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
  decide: recordUsage,
};
