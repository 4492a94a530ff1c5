import { DomainError, type Environment, validationFailed } from '@latchkey/building-blocks';
import { appsNeedingApproval, appViolations, type CredentialPolicy, expiryViolations, type PolicyViolation } from './credential-policy';
import type {
  AllowedAppsPolicy,
  CredentialAllowedAddressesSet,
  CredentialAllowedAppsSet,
  CredentialEvent,
  CredentialExpiryChanged,
  CredentialLabelChanged,
  CredentialUsed,
  CredentialUsedByNewApp,
  CredentialUseRefused,
  RevocationReason,
} from './credential.events';
import { type CredentialState, isExpired, NEVER_EXPIRES_AT } from './credential.state';
import { expiryStepAt } from './expiry';

/** Upper bound of an address allowlist. */
export const MAX_ALLOWED_ADDRESSES = 50;

/** Upper bound of a `specific` list: plenty for real sharing, small enough to show on one screen. */
export const MAX_ALLOWED_APPS = 50;

/**
 * Allowed apps as a command carries them, checked at the edge: `organization` with no client ids,
 * or `specific` with 1 to `MAX_ALLOWED_APPS` distinct ones.
 */
export interface AllowedApps {
  policy: AllowedAppsPolicy;
  clientIds: string[];
}

/** What the app directory answered for the client ids a command names (unknown ids are absent). */
export interface KnownClient {
  clientId: string;
  environment: Environment;
  /** The organization that owns the app: the policy's third-party rule reads it. */
  organizationId: string;
}

/**
 * How apps of other organizations are added under `thirdPartyApps: "approval"`: with the caller's
 * justification (required when any is added), and at once when the caller is a developer_admin.
 */
export interface ThirdPartyApproval {
  justification: string | null;
  approvedAtOnce: boolean;
  /** A new request id for each client id the command names: the request of an app that needs approval takes its own. */
  requestIds: Readonly<Record<string, string>>;
}

const NO_APPROVAL: ThirdPartyApproval = { justification: null, approvedAtOnce: false, requestIds: {} };

/** The requests of the pending apps, from the ids the command brought. */
function requestIdsOf(pending: readonly string[], approval: ThirdPartyApproval): Record<string, string> {
  return Object.fromEntries(pending.flatMap((clientId) => (approval.requestIds[clientId] ? [[clientId, approval.requestIds[clientId]]] : [])));
}

/** Commands arrive checked at the edge: labels, reasons and client ids well formed, expiries normalised and in the future. */
export type CreateCredential = {
  type: 'CreateCredential';
  credentialId: string;
  label: string;
  environment: Environment;
  /** ISO time in whole seconds, or null for "never". */
  expiresAt: string | null;
  allowedApps: AllowedApps;
  /** Canonical CIDR ranges (the edge parsed them); empty or absent: any address. */
  allowedAddresses?: string[];
  owner: {
    userId: string;
    email: string;
    organizationId: string;
    /** The owner's user id in `environment`, or null when they have no account there. */
    environmentUserId: string | null;
  };
  clients: KnownClient[];
  /** The owner's organization's policy, as the handler loaded it. */
  policy: CredentialPolicy;
  approval?: ThirdPartyApproval;
  at: string;
};

export type UpdateCredential = {
  type: 'UpdateCredential';
  label?: string;
  /** Absent: unchanged; null: never expires. */
  expiresAt?: string | null;
  allowedApps?: AllowedApps;
  /** Canonical CIDR ranges replacing the allowlist; absent: unchanged; empty: any address. */
  allowedAddresses?: string[];
  clients: KnownClient[];
  /** The credential's organization's policy: checked for the fields this update changes. */
  policy: CredentialPolicy;
  approval?: ThirdPartyApproval;
  at: string;
};

export type AllowApp = {
  type: 'AllowApp';
  clientId: string;
  clients: KnownClient[];
  policy: CredentialPolicy;
  approval?: ThirdPartyApproval;
  at: string;
};
/** The credential request `requestId` for a pending app was approved. */
export type ApproveApp = { type: 'ApproveApp'; clientId: string; requestId: string; at: string };
/** The credential request `requestId` for a pending app was denied, for `reason`. */
export type DenyApp = { type: 'DenyApp'; clientId: string; requestId: string; reason: string; at: string };
export type DisallowApp = { type: 'DisallowApp'; clientId: string; at: string };

export type RevokeCredential = {
  type: 'RevokeCredential';
  /** Null when none was given (or it was blank). */
  reason: string | null;
  /** Who or what revoked it, as the credential view shows it. */
  revocationReason: RevocationReason;
  at: string;
  /** For reactions: a credential that is not active (or gone) is left as it is instead of failing. */
  skipIfNotActive?: boolean;
};

export type DeleteCredential = { type: 'DeleteCredential'; at: string };
/**
 * The inactivity schedule found the credential unused since `inactiveSince` (its last use, or its
 * creation) and announces its revocation at `revokeAt`. Once per period of inactivity.
 */
export type NoticeInactivity = { type: 'NoticeInactivity'; inactiveSince: string; revokeAt: string; at: string };
/** The inactivity schedule revokes a credential whose notice for this period of inactivity is due. */
export type RevokeInactiveCredential = { type: 'RevokeInactiveCredential'; inactiveSince: string; at: string };
/**
 * The expiry schedule looks at a credential whose expiry is `expiresAt` (as the schedule knew it):
 * it gets the notice or the record of its expiry that is due at `at`, each once.
 */
export type NoticeExpiry = { type: 'NoticeExpiry'; expiresAt: string; at: string };

/** Uses of a credential, well formed (times normalised, counts positive), as the token endpoint batched them. */
export type RecordUsage = {
  type: 'RecordUsage';
  /** Per app: the last use's time, address and user agent, and how many uses. */
  usages: { clientId: string; lastUsedAt: string; count: number; address?: string | null; userAgent?: string | null }[];
  /** Requests refused because of the address allowlist (the token endpoint already kept one per minute). */
  refusals?: { clientId: string; address: string; refusedAt: string }[];
  /** Apps known to have used the credential before their first use was recorded as such (uses recorded before that). */
  usedBefore?: string[];
};

export type CredentialCommand =
  | CreateCredential
  | UpdateCredential
  | AllowApp
  | DisallowApp
  | ApproveApp
  | DenyApp
  | RevokeCredential
  | DeleteCredential
  | NoticeInactivity
  | RevokeInactiveCredential
  | NoticeExpiry;

const notFound = () => new DomainError('not-found', 'CREDENTIAL_NOT_FOUND', 'No such credential');

/** A credential that can still change: it exists, is not deleted, revoked or expired. */
function requireActive(state: CredentialState, at: string): void {
  if (state.status === 'none' || state.status === 'deleted') throw notFound();
  if (state.status === 'revoked') throw new DomainError('conflict', 'CREDENTIAL_NOT_ACTIVE', 'The credential is revoked; it can no longer change');
  if (isExpired(state, at)) throw new DomainError('conflict', 'CREDENTIAL_NOT_ACTIVE', 'The credential has expired; it can no longer change');
}

/** Every client id must be an app client of the credential's environment (of any organization); `field` is where the client named them. */
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

/** Every broken rule of the organization's policy, named in one `422 POLICY_VIOLATION`. */
function requireWithinPolicy(violations: PolicyViolation[]): void {
  if (violations.length === 0) return;
  throw new DomainError(
    'unprocessable',
    'POLICY_VIOLATION',
    violations.length === 1 ? violations[0].message : `The credential breaks ${violations.length} rules of the organization’s policy`,
    { errors: violations.map(({ field, rule, message }) => ({ field, rule, message })) },
  );
}
/**
 * The added apps that wait for approval, after checking that a justification comes with them: `400`
 * without one, whether or not the caller's requests are approved at once (every request is recorded).
 */
function pendingAfterApproval(requested: readonly string[], approval: ThirdPartyApproval): string[] {
  if (requested.length === 0) return [];
  if (approval.justification === null) {
    throw validationFailed([
      {
        field: 'justification',
        message: `justification is required: the organization’s policy needs an administrator’s approval for apps of other organizations (${requested.map((id) => `"${id}"`).join(', ')})`,
      },
    ]);
  }
  return approval.approvedAtOnce ? [] : [...requested];
}

/** The allowlist is checked and canonicalised at the edge; the decider keeps its bound. */
function requireAddressBound(allowedAddresses: readonly string[] | undefined): void {
  if (allowedAddresses === undefined || allowedAddresses.length <= MAX_ALLOWED_ADDRESSES) return;
  throw new DomainError('validation', 'VALIDATION_FAILED', `A credential allows at most ${MAX_ALLOWED_ADDRESSES} address ranges`, {
    errors: [{ field: 'allowedAddresses', message: `List at most ${MAX_ALLOWED_ADDRESSES} addresses or CIDR ranges` }],
  });
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

function create(command: CreateCredential, state: CredentialState): CredentialEvent[] {
  if (state.status !== 'none') throw new DomainError('conflict', 'CREDENTIAL_EXISTS', 'The credential already exists');
  const { owner, environment, allowedApps } = command;
  if (owner.environmentUserId === null) {
    throw environment === 'sandbox'
      ? new DomainError('conflict', 'SANDBOX_ACCOUNT_REQUIRED', 'You have no sandbox account: create your sandbox account first')
      : new DomainError('conflict', 'ENVIRONMENT_ACCOUNT_REQUIRED', `You have no ${environment} account`);
  }
  requireAddressBound(command.allowedAddresses);
  requireKnownApps('allowedApps.clientIds', allowedApps.clientIds, environment, command.clients);
  requireWithinPolicy([
    ...expiryViolations(command.policy, command.at, command.expiresAt),
    ...appViolations(command.policy, environment, allowedApps, owner.organizationId, command.clients),
  ]);
  const pending = pendingAfterApproval(
    appsNeedingApproval(command.policy, allowedApps.clientIds, owner.organizationId, command.clients),
    command.approval ?? NO_APPROVAL,
  );
  return [
    {
      type: 'CredentialCreated',
      data: {
        credentialId: command.credentialId,
        label: command.label,
        environment,
        expiresAt: command.expiresAt,
        policy: allowedApps.policy,
        clientIds: [...allowedApps.clientIds],
        ownerId: owner.userId,
        ownerEmail: owner.email,
        ownerEnvironmentUserId: owner.environmentUserId,
        organizationId: owner.organizationId,
        createdAt: command.at,
        ...(pending.length > 0 ? { pendingClientIds: pending, requestIds: requestIdsOf(pending, command.approval ?? NO_APPROVAL) } : {}),
        allowedAddresses: [...new Set(command.allowedAddresses ?? [])],
      },
    },
  ];
}

function update(command: UpdateCredential, state: CredentialState): CredentialEvent[] {
  requireActive(state, command.at);
  const { expiresAt, allowedApps: apps } = command;
  if (expiresAt !== undefined && Date.parse(expiresAt ?? NEVER_EXPIRES_AT) > Date.parse(state.tokenExpiresAt)) {
    throw new DomainError(
      'unprocessable',
      'EXPIRY_EXTENSION_NOT_ALLOWED',
      `The credential's JWT expires at ${state.tokenExpiresAt}; its expiry can be brought forward, not pushed later. Create a new credential instead`,
      { errors: [{ field: 'expiresAt', message: `expiresAt must not be after ${state.tokenExpiresAt}` }] },
    );
  }
  requireAddressBound(command.allowedAddresses);
  if (apps?.policy === 'specific') requireKnownApps('allowedApps.clientIds', apps.clientIds, state.environment, command.clients);
  requireWithinPolicy([
    ...(expiresAt !== undefined ? expiryViolations(command.policy, state.createdAt, expiresAt) : []),
    ...(apps ? appViolations(command.policy, state.environment, apps, state.organizationId, command.clients) : []),
  ]);
  // Apps already in the list keep their standing (a pending one stays pending); added ones may need approval.
  const added = apps ? apps.clientIds.filter((id) => state.policy === 'organization' || !state.clientIds.includes(id)) : [];
  const requested = pendingAfterApproval(
    appsNeedingApproval(command.policy, added, state.organizationId, command.clients),
    command.approval ?? NO_APPROVAL,
  );
  const pending = apps ? [...state.pendingClientIds.filter((id) => apps.clientIds.includes(id)), ...requested] : [];

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
    events.push({
      type: 'CredentialAllowedAppsSet',
      data: {
        credentialId,
        policy: apps.policy,
        clientIds: [...apps.clientIds],
        ...(pending.length > 0 ? { pendingClientIds: pending } : {}),
        ...(requested.length > 0 ? { requestIds: requestIdsOf(requested, command.approval ?? NO_APPROVAL) } : {}),
        changedAt,
      },
    } satisfies CredentialAllowedAppsSet);
  }
  const addresses = command.allowedAddresses === undefined ? undefined : [...new Set(command.allowedAddresses)];
  if (addresses && !sameSet(addresses, state.allowedAddresses)) {
    events.push({
      type: 'CredentialAllowedAddressesSet',
      data: { credentialId, allowedAddresses: addresses, previousAllowedAddresses: [...state.allowedAddresses], changedAt },
    } satisfies CredentialAllowedAddressesSet);
  }
  return events;
}

function allowApp(command: AllowApp, state: CredentialState): CredentialEvent[] {
  requireActive(state, command.at);
  requireKnownApps('clientId', [command.clientId], state.environment, command.clients);
  requireWithinPolicy(
    appViolations(
      command.policy,
      state.environment,
      { policy: 'specific', clientIds: [command.clientId] },
      state.organizationId,
      command.clients,
      'clientId',
    ),
  );
  const { credentialId } = state;
  const { clientId } = command;
  if (state.policy === 'specific' && state.clientIds.includes(clientId)) return [];
  if (state.clientIds.length >= MAX_ALLOWED_APPS) {
    throw new DomainError('conflict', 'ALLOWED_APPS_LIMIT_REACHED', `A credential allows at most ${MAX_ALLOWED_APPS} specific apps`);
  }
  const approval = command.approval ?? NO_APPROVAL;
  const pending = pendingAfterApproval(appsNeedingApproval(command.policy, [clientId], state.organizationId, command.clients), approval).length > 0;
  const requestId = pending ? approval.requestIds[clientId] : undefined;
  if (state.policy === 'organization') {
    // Naming one app turns "apps of my organization" into a specific list of that one app.
    return [
      {
        type: 'CredentialAllowedAppsSet',
        data: {
          credentialId,
          policy: 'specific',
          clientIds: [clientId],
          ...(pending ? { pendingClientIds: [clientId], requestIds: requestIdsOf([clientId], approval) } : {}),
          changedAt: command.at,
        },
      },
    ];
  }
  return [
    {
      type: 'CredentialAppAllowed',
      data: { credentialId, clientId, ...(pending ? { pending: true } : {}), ...(requestId ? { requestId } : {}), changedAt: command.at },
    },
  ];
}

const obsoleteRequest = () =>
  new DomainError(
    'conflict',
    'CREDENTIAL_REQUEST_OBSOLETE',
    'The credential no longer waits for this app (the app was removed, or the credential revoked, deleted or expired); deny the request instead',
  );

/** Whether `requestId` is the request the credential holds for the app (any, for apps recorded without one). */
const isRequestOf = (state: CredentialState, clientId: string, requestId: string) =>
  state.requests[clientId] === undefined || state.requests[clientId] === requestId;

/**
 * Approval of a pending app by its request. The same approval again (a retry) records nothing; an
 * app no longer asked for, or asked for again by a later request, cannot be approved by this one.
 */
function approveApp(command: ApproveApp, state: CredentialState): CredentialEvent[] {
  const { clientId } = command;
  if (!isLive(state, command.at) || !state.clientIds.includes(clientId) || !isRequestOf(state, clientId, command.requestId)) throw obsoleteRequest();
  if (!state.pendingClientIds.includes(clientId)) {
    if (state.requests[clientId] === command.requestId) return [];
    throw obsoleteRequest();
  }
  return [
    { type: 'CredentialAppApproved', data: { credentialId: state.credentialId, clientId, requestId: command.requestId, approvedAt: command.at } },
  ];
}

/**
 * Denial of a pending app by its request: it leaves the list, and a credential left with no app at
 * all (the denied one was its only one) is revoked with reason `denied`. Nothing to do when the app
 * is no longer pending, or waits on a later request.
 */
function denyApp(command: DenyApp, state: CredentialState): CredentialEvent[] {
  if (!isLive(state, command.at) || !state.pendingClientIds.includes(command.clientId) || !isRequestOf(state, command.clientId, command.requestId)) {
    return [];
  }
  const { credentialId } = state;
  if (state.clientIds.length === 1) {
    return [{ type: 'CredentialRevoked', data: { credentialId, reason: command.reason, revocationReason: 'denied', revokedAt: command.at } }];
  }
  return [{ type: 'CredentialAppDenied', data: { credentialId, clientId: command.clientId, requestId: command.requestId, deniedAt: command.at } }];
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
  return [
    {
      type: 'CredentialRevoked',
      data: { credentialId: state.credentialId, reason: command.reason, revocationReason: command.revocationReason, revokedAt: command.at },
    },
  ];
}
/** A credential that can no longer be used (revoked, deleted, expired) needs no notice and no revocation. */
const isLive = (state: CredentialState, at: string) => state.status === 'active' && !isExpired(state, at);
function noticeInactivity(command: NoticeInactivity, state: CredentialState): CredentialEvent[] {
  // Exactly once per period of inactivity: a second notice for the same one (another instance, a retry after a crash) records nothing.
  if (!isLive(state, command.at) || state.inactivityNotice?.inactiveSince === command.inactiveSince) return [];
  const { inactiveSince, revokeAt } = command;
  return [{ type: 'CredentialInactivityNoticed', data: { credentialId: state.credentialId, inactiveSince, revokeAt, noticedAt: command.at } }];
}
function revokeInactive(command: RevokeInactiveCredential, state: CredentialState): CredentialEvent[] {
  // Never without the notice of this very period of inactivity, and never before the time it announced.
  const notice = state.inactivityNotice;
  if (!isLive(state, command.at) || notice?.inactiveSince !== command.inactiveSince || Date.parse(command.at) < Date.parse(notice.revokeAt))
    return [];
  return [
    {
      type: 'CredentialRevoked',
      data: { credentialId: state.credentialId, reason: null, revocationReason: 'inactive', revokedAt: command.at },
    },
  ];
}
function noticeExpiry(command: NoticeExpiry, state: CredentialState): CredentialEvent[] {
  // Revoked or deleted credentials need no notice; an expiry changed since the schedule saw it gets its own.
  if (state.status !== 'active' || state.expiresAt !== command.expiresAt) return [];
  const step = expiryStepAt({ expiresAt: state.expiresAt, notices: state.expiryNotices, expired: state.expiryRecorded }, command.at);
  const { credentialId, expiresAt } = state;
  if (step?.action === 'notice') {
    return [{ type: 'CredentialExpiryNoticed', data: { credentialId, expiresAt, daysBefore: step.daysBefore, noticedAt: command.at } }];
  }
  if (step?.action === 'expire') return [{ type: 'CredentialExpired', data: { credentialId, expiredAt: expiresAt, recordedAt: command.at } }];
  return [];
}

function remove(command: DeleteCredential, state: CredentialState): CredentialEvent[] {
  // Revoked and expired credentials can be deleted: that is how they leave the lists.
  if (state.status === 'none' || state.status === 'deleted') throw notFound();
  return [{ type: 'CredentialDeleted', data: { credentialId: state.credentialId, deletedAt: command.at } }];
}

export function decide(command: CredentialCommand, state: CredentialState): CredentialEvent[] {
  switch (command.type) {
    case 'CreateCredential':
      return create(command, state);
    case 'UpdateCredential':
      return update(command, state);
    case 'AllowApp':
      return allowApp(command, state);
    case 'DisallowApp':
      return disallowApp(command, state);
    case 'ApproveApp':
      return approveApp(command, state);
    case 'DenyApp':
      return denyApp(command, state);
    case 'RevokeCredential':
      return revoke(command, state);
    case 'DeleteCredential':
      return remove(command, state);
    case 'NoticeInactivity':
      return noticeInactivity(command, state);
    case 'RevokeInactiveCredential':
      return revokeInactive(command, state);
    case 'NoticeExpiry':
      return noticeExpiry(command, state);
  }
}

/**
 * Uses of a credential are decided on the credential's state but recorded in streams of their
 * own, so they never move the credential's revision under a console edit: `CredentialUsed` (per
 * app, with the last use's address and user agent) and `CredentialUseRefused` go to
 * `credentialUsage-<id>`, `CredentialUsedByNewApp` (an app not seen before, nor in `usedBefore`)
 * to `credentialApps-<id>`. Uses of a credential that is no longer active, or made after its
 * expiry, are not recorded; one refusal per batch is enough.
 */
export function decideUsage(command: RecordUsage, state: CredentialState): CredentialEvent[] {
  if (state.status !== 'active') return [];
  const { credentialId } = state;
  const byClient = new Map<string, RecordUsage['usages'][number]>();
  for (const usage of command.usages) {
    if (isExpired(state, usage.lastUsedAt)) continue;
    const seen = byClient.get(usage.clientId);
    const latest = seen && seen.lastUsedAt > usage.lastUsedAt ? seen : usage;
    byClient.set(usage.clientId, { ...latest, count: (seen?.count ?? 0) + usage.count });
  }
  const used = [...byClient].map(([clientId, use]): CredentialUsed => ({
    type: 'CredentialUsed',
    data: { credentialId, clientId, lastUsedAt: use.lastUsedAt, count: use.count, address: use.address ?? null, userAgent: use.userAgent ?? null },
  }));
  const usedBefore = new Set([...state.appsSeen, ...(command.usedBefore ?? [])]);
  const firstUses = used
    .filter((u) => !usedBefore.has(u.data.clientId))
    .map((u): CredentialUsedByNewApp => ({
      type: 'CredentialUsedByNewApp',
      data: { credentialId, clientId: u.data.clientId, firstUsedAt: u.data.lastUsedAt },
    }));
  const refusal = command.refusals?.find((r) => !isExpired(state, r.refusedAt));
  const refused: CredentialUseRefused[] = refusal
    ? [
        {
          type: 'CredentialUseRefused',
          data: { credentialId, clientId: refusal.clientId, address: refusal.address, reason: 'address_not_allowed', refusedAt: refusal.refusedAt },
        },
      ]
    : [];
  return [...firstUses, ...used, ...refused];
}
