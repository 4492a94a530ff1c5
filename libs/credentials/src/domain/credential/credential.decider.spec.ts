import { deciderSpec } from '@latchkey/event-store/testing';
import {
  type AllowApp,
  type CreateCredential,
  type DeleteCredential,
  type DisallowApp,
  type KnownClient,
  MAX_ALLOWED_ADDRESSES,
  MAX_ALLOWED_APPS,
  type NoticeExpiry,
  type NoticeInactivity,
  type RecordUsage,
  type RevokeCredential,
  type RevokeInactiveCredential,
  type UpdateCredential,
} from './credential.decide';
import { credentialDecider, credentialUsageDecider } from './credential.decider';
import type { CredentialCreated, CredentialEvent } from './credential.events';
import { NEVER_EXPIRES_AT } from './credential.state';
import { type CredentialPolicy, NO_CREDENTIAL_POLICY } from './credential-policy';

const ID = '0d6f3c1e-0000-4000-8000-000000000001';
const OWNER = 'user-owner';
const ORG = 'org-1';
const AT = '2026-03-01T10:00:00.000Z';
const LATER = '2026-03-02T10:00:00.000Z';
const IN_A_MONTH = '2026-04-01T00:00:00.000Z';

const clients: KnownClient[] = [
  { clientId: 'prd_own', environment: 'production', organizationId: ORG },
  { clientId: 'prd_third', environment: 'production', organizationId: 'org-partner' },
  { clientId: 'prd_other', environment: 'production', organizationId: ORG },
  { clientId: 'sbx_own', environment: 'sandbox', organizationId: ORG },
];

const create = (overrides: Partial<CreateCredential> = {}): CreateCredential => ({
  type: 'CreateCredential',
  credentialId: ID,
  label: 'CI pipeline',
  environment: 'production',
  expiresAt: null,
  allowedApps: { policy: 'organization', clientIds: [] },
  owner: { userId: OWNER, email: 'dev@acme.test', organizationId: ORG, environmentUserId: '100200300' },
  clients,
  policy: NO_CREDENTIAL_POLICY,
  at: AT,
  ...overrides,
});

const created = (data: Partial<CredentialCreated['data']> = {}): CredentialCreated => ({
  type: 'CredentialCreated',
  data: {
    credentialId: ID,
    label: 'CI pipeline',
    environment: 'production',
    expiresAt: null,
    policy: 'organization',
    clientIds: [],
    ownerId: OWNER,
    ownerEmail: 'dev@acme.test',
    ownerEnvironmentUserId: '100200300',
    organizationId: ORG,
    createdAt: AT,
    allowedAddresses: [],
    ...data,
  },
});

const specific = (...clientIds: string[]) => created({ policy: 'specific', clientIds });
const revoked: CredentialEvent = { type: 'CredentialRevoked', data: { credentialId: ID, reason: null, revokedAt: AT } };
const deleted: CredentialEvent = { type: 'CredentialDeleted', data: { credentialId: ID, deletedAt: AT } };
const update = (fields: Partial<UpdateCredential>): UpdateCredential => ({
  type: 'UpdateCredential',
  clients,
  policy: NO_CREDENTIAL_POLICY,
  at: LATER,
  ...fields,
});
const allow = (clientId: string, policy = NO_CREDENTIAL_POLICY): AllowApp => ({ type: 'AllowApp', clientId, clients, policy, at: LATER });
const disallow = (clientId: string): DisallowApp => ({ type: 'DisallowApp', clientId, at: LATER });
const revoke = (fields: Partial<RevokeCredential> = {}): RevokeCredential => ({
  type: 'RevokeCredential',
  reason: 'Leaked in a log',
  revocationReason: 'owner',
  at: LATER,
  ...fields,
});
const remove: DeleteCredential = { type: 'DeleteCredential', at: LATER };
const spec = () => deciderSpec(credentialDecider);

/** State rules only: commands arrive checked and normalised at the edge (see each use case's validation spec). */
describe('credential decider', () => {
  describe('CreateCredential', () => {
    it('creates a credential for the apps of the owner’s organization', () => {
      spec().given([]).when(create()).then([created()]);
    });

    it('creates a credential for specific apps of any organization, keeping the given order', () => {
      spec()
        .given([])
        .when(create({ allowedApps: { policy: 'specific', clientIds: ['prd_third', 'prd_own'] } }))
        .then([specific('prd_third', 'prd_own')]);
    });

    it('keeps the expiry the edge normalised', () => {
      spec()
        .given([])
        .when(create({ expiresAt: IN_A_MONTH }))
        .then([created({ expiresAt: IN_A_MONTH })]);
    });

    it('stores the label literally, markup included', () => {
      const label = '<script>alert("x")</script> & ünïcødé 🔑';
      spec()
        .given([])
        .when(create({ label }))
        .then([created({ label })]);
    });

    it('requires the owner’s sandbox account for a sandbox credential, naming the action (not a route)', () => {
      const error = spec()
        .given([])
        .when(create({ environment: 'sandbox', owner: { ...create().owner, environmentUserId: null } }))
        .thenFails('SANDBOX_ACCOUNT_REQUIRED', 'conflict');
      expect(error.message).toBe('You have no sandbox account: create your sandbox account first');
    });

    it('creates a sandbox credential with the owner’s sandbox user id and sandbox apps', () => {
      spec()
        .given([])
        .when(
          create({
            environment: 'sandbox',
            owner: { ...create().owner, environmentUserId: '900800700' },
            allowedApps: { policy: 'specific', clientIds: ['sbx_own'] },
          }),
        )
        .then([created({ environment: 'sandbox', ownerEnvironmentUserId: '900800700', policy: 'specific', clientIds: ['sbx_own'] })]);
    });

    it('refuses an unknown client id, naming it', () => {
      const error = spec()
        .given([])
        .when(create({ allowedApps: { policy: 'specific', clientIds: ['prd_own', 'nope'] } }))
        .thenFails('APP_NOT_FOUND', 'unprocessable');
      expect(error.message).toContain('"nope"');
      expect(error.details.errors).toEqual([{ field: 'allowedApps.clientIds', message: expect.stringContaining('"nope"') }]);
    });

    it('refuses a client id of the other environment', () => {
      const error = spec()
        .given([])
        .when(create({ allowedApps: { policy: 'specific', clientIds: ['sbx_own'] } }))
        .thenFails('APP_NOT_FOUND', 'unprocessable');
      expect(error.message).toContain('"sbx_own"');
    });

    it('refuses to create a credential twice', () => {
      spec().given([created()]).when(create()).thenFails('CREDENTIAL_EXISTS', 'conflict');
    });
  });

  describe('UpdateCredential', () => {
    it('changes the label, the expiry and the allowed apps, one event each, remembering the previous values', () => {
      spec()
        .given([created()])
        .when(update({ label: 'Nightly job', expiresAt: IN_A_MONTH, allowedApps: { policy: 'specific', clientIds: ['prd_third'] } }))
        .then([
          { type: 'CredentialLabelChanged', data: { credentialId: ID, label: 'Nightly job', previousLabel: 'CI pipeline', changedAt: LATER } },
          { type: 'CredentialExpiryChanged', data: { credentialId: ID, expiresAt: IN_A_MONTH, previousExpiresAt: null, changedAt: LATER } },
          { type: 'CredentialAllowedAppsSet', data: { credentialId: ID, policy: 'specific', clientIds: ['prd_third'], changedAt: LATER } },
        ]);
    });

    it('records nothing for values that do not change (the same list in another order included)', () => {
      spec()
        .given([specific('prd_own', 'prd_third')])
        .when(update({ label: 'CI pipeline', expiresAt: null, allowedApps: { policy: 'specific', clientIds: ['prd_third', 'prd_own'] } }))
        .then([]);
      spec().given([created()]).when(update({})).then([]);
    });

    it('switches a specific list back to the organization’s apps', () => {
      spec()
        .given([specific('prd_third')])
        .when(update({ allowedApps: { policy: 'organization', clientIds: [] } }))
        .then([{ type: 'CredentialAllowedAppsSet', data: { credentialId: ID, policy: 'organization', clientIds: [], changedAt: LATER } }]);
    });

    it('brings an expiry forward', () => {
      spec()
        .given([created({ expiresAt: IN_A_MONTH })])
        .when(update({ expiresAt: '2026-03-15T00:00:00.000Z' }))
        .then([
          {
            type: 'CredentialExpiryChanged',
            data: { credentialId: ID, expiresAt: '2026-03-15T00:00:00.000Z', previousExpiresAt: IN_A_MONTH, changedAt: LATER },
          },
        ]);
    });

    it.each([
      ['a later date', '2026-05-01T00:00:00.000Z'],
      ['never', null],
    ])('refuses to push an expiry past the JWT’s exp (%s)', (_name, expiresAt) => {
      const error = spec()
        .given([created({ expiresAt: IN_A_MONTH })])
        .when(update({ expiresAt }))
        .thenFails('EXPIRY_EXTENSION_NOT_ALLOWED', 'unprocessable');
      expect(error.details.errors).toEqual([{ field: 'expiresAt', message: expect.any(String) }]);
    });

    it('lets a never-expiring credential get an expiry, then lose it again', () => {
      spec()
        .given([
          created(),
          { type: 'CredentialExpiryChanged', data: { credentialId: ID, expiresAt: IN_A_MONTH, previousExpiresAt: null, changedAt: AT } },
        ])
        .when(update({ expiresAt: null }))
        .then([{ type: 'CredentialExpiryChanged', data: { credentialId: ID, expiresAt: null, previousExpiresAt: IN_A_MONTH, changedAt: LATER } }]);
    });

    it('refuses apps that do not exist in the credential’s environment', () => {
      spec()
        .given([created()])
        .when(update({ allowedApps: { policy: 'specific', clientIds: ['sbx_own'] } }))
        .thenFails('APP_NOT_FOUND', 'unprocessable');
    });

    it.each([
      ['revoked', [created(), revoked]],
      ['expired', [created({ expiresAt: '2026-03-01T12:00:00.000Z' })]],
    ])('refuses to change a credential that is %s, even with nothing to change', (_name, given) => {
      spec()
        .given(given)
        .when(update({ label: 'x' }))
        .thenFails('CREDENTIAL_NOT_ACTIVE', 'conflict');
      spec().given(given).when(update({})).thenFails('CREDENTIAL_NOT_ACTIVE', 'conflict');
    });

    it.each([
      ['unknown', []],
      ['deleted', [created(), deleted]],
    ])('does not find a credential that is %s', (_name, given) => {
      spec()
        .given(given)
        .when(update({ label: 'x' }))
        .thenFails('CREDENTIAL_NOT_FOUND', 'not-found');
    });
  });

  describe('AllowApp', () => {
    it('adds an app to a specific list', () => {
      spec()
        .given([specific('prd_own')])
        .when(allow('prd_third'))
        .then([{ type: 'CredentialAppAllowed', data: { credentialId: ID, clientId: 'prd_third', changedAt: LATER } }]);
    });

    it('turns the organization policy into a specific list of that one app', () => {
      spec()
        .given([created()])
        .when(allow('prd_third'))
        .then([{ type: 'CredentialAllowedAppsSet', data: { credentialId: ID, policy: 'specific', clientIds: ['prd_third'], changedAt: LATER } }]);
    });

    it('does nothing for an app already allowed, so the list never holds duplicates', () => {
      spec()
        .given([specific('prd_own', 'prd_third')])
        .when(allow('prd_third'))
        .then([]);
    });

    it('refuses unknown apps and apps of the other environment', () => {
      spec()
        .given([specific('prd_own')])
        .when(allow('nope'))
        .thenFails('APP_NOT_FOUND', 'unprocessable');
      const error = spec()
        .given([specific('prd_own')])
        .when(allow('sbx_own'))
        .thenFails('APP_NOT_FOUND');
      expect(error.details.errors).toEqual([{ field: 'clientId', message: expect.stringContaining('sbx_own') }]);
    });

    it('refuses to grow a list past its limit', () => {
      const full = Array.from({ length: MAX_ALLOWED_APPS }, (_, i) => `c${i}`);
      spec()
        .given([specific(...full)])
        .when(allow('prd_own'))
        .thenFails('ALLOWED_APPS_LIMIT_REACHED', 'conflict');
    });

    it('refuses a revoked credential and does not find a deleted one', () => {
      spec()
        .given([specific('prd_own'), revoked])
        .when(allow('prd_third'))
        .thenFails('CREDENTIAL_NOT_ACTIVE');
      spec()
        .given([specific('prd_own'), deleted])
        .when(allow('prd_third'))
        .thenFails('CREDENTIAL_NOT_FOUND');
    });
  });

  describe('DisallowApp', () => {
    it('removes an app from a specific list', () => {
      spec()
        .given([specific('prd_own', 'prd_third')])
        .when(disallow('prd_own'))
        .then([{ type: 'CredentialAppDisallowed', data: { credentialId: ID, clientId: 'prd_own', changedAt: LATER } }]);
    });

    it('never empties a specific list', () => {
      spec()
        .given([specific('prd_own')])
        .when(disallow('prd_own'))
        .thenFails('LAST_ALLOWED_APP', 'conflict');
      spec()
        .given([
          specific('prd_own', 'prd_third'),
          { type: 'CredentialAppDisallowed', data: { credentialId: ID, clientId: 'prd_third', changedAt: AT } },
        ])
        .when(disallow('prd_own'))
        .thenFails('LAST_ALLOWED_APP');
    });

    it('does not find an app that is not in the list', () => {
      spec()
        .given([specific('prd_own', 'prd_third')])
        .when(disallow('prd_other'))
        .thenFails('ALLOWED_APP_NOT_FOUND', 'not-found');
    });

    it('refuses on the organization policy, which has no list', () => {
      spec().given([created()]).when(disallow('prd_own')).thenFails('ALLOWED_APPS_NOT_SPECIFIC', 'conflict');
    });

    it('refuses a revoked or expired credential', () => {
      spec()
        .given([specific('prd_own', 'prd_third'), revoked])
        .when(disallow('prd_own'))
        .thenFails('CREDENTIAL_NOT_ACTIVE');
      spec()
        .given([{ ...specific('prd_own', 'prd_third'), data: { ...specific('prd_own', 'prd_third').data, expiresAt: LATER } }])
        .when(disallow('prd_own'))
        .thenFails('CREDENTIAL_NOT_ACTIVE');
    });
  });

  describe('RevokeCredential', () => {
    it('revokes an active credential with its reason', () => {
      spec()
        .given([created()])
        .when(revoke())
        .then([{ type: 'CredentialRevoked', data: { credentialId: ID, reason: 'Leaked in a log', revocationReason: 'owner', revokedAt: LATER } }]);
    });

    it('records a missing reason as none, and who revoked it', () => {
      spec()
        .given([created()])
        .when(revoke({ reason: null, revocationReason: 'policy' }))
        .then([{ type: 'CredentialRevoked', data: { credentialId: ID, reason: null, revocationReason: 'policy', revokedAt: LATER } }]);
    });

    it('refuses to revoke twice, or an expired credential', () => {
      spec().given([created(), revoked]).when(revoke()).thenFails('CREDENTIAL_NOT_ACTIVE', 'conflict');
      spec()
        .given([created({ expiresAt: '2026-03-02T00:00:00.000Z' })])
        .when(revoke())
        .thenFails('CREDENTIAL_NOT_ACTIVE', 'conflict');
    });

    it('does not find an unknown or deleted credential', () => {
      spec().given([]).when(revoke()).thenFails('CREDENTIAL_NOT_FOUND', 'not-found');
      spec().given([created(), deleted]).when(revoke()).thenFails('CREDENTIAL_NOT_FOUND', 'not-found');
    });

    it('does nothing, without failing, when a reaction revokes what is no longer active', () => {
      for (const given of [[], [created(), revoked], [created(), deleted], [created({ expiresAt: '2026-03-02T00:00:00.000Z' })]]) {
        spec()
          .given(given)
          .when(revoke({ skipIfNotActive: true }))
          .then([]);
      }
      spec()
        .given([created()])
        .when(revoke({ skipIfNotActive: true, revocationReason: 'member_removed' }))
        .then([
          { type: 'CredentialRevoked', data: { credentialId: ID, reason: 'Leaked in a log', revocationReason: 'member_removed', revokedAt: LATER } },
        ]);
    });
  });

  describe('the organization’s policy (carried by the command)', () => {
    const policy = (rules: Partial<CredentialPolicy>): CredentialPolicy => ({ ...NO_CREDENTIAL_POLICY, ...rules });
    const rulesOf = (error: { details: { errors?: { rule?: string; field: string }[] } }) =>
      (error.details.errors ?? []).map((e) => `${e.rule}@${e.field}`);

    it('creates a credential that keeps every rule', () => {
      spec()
        .given([])
        .when(
          create({
            expiresAt: IN_A_MONTH,
            allowedApps: { policy: 'specific', clientIds: ['prd_own'] },
            policy: policy({
              requireExpiry: true,
              maxCredentialLifetimeDays: 31,
              organizationWideCredentials: { production: false, sandbox: false },
              thirdPartyApps: 'forbidden',
            }),
          }),
        )
        .then([created({ expiresAt: IN_A_MONTH, policy: 'specific', clientIds: ['prd_own'] })]);
    });

    it('names every broken rule of a creation in one POLICY_VIOLATION', () => {
      const error = spec()
        .given([])
        .when(
          create({
            policy: policy({
              requireExpiry: true,
              maxCredentialLifetimeDays: 30,
              organizationWideCredentials: { production: false, sandbox: true },
            }),
          }),
        )
        .thenFails('POLICY_VIOLATION', 'unprocessable');
      expect(rulesOf(error)).toEqual(['requireExpiry@expiresAt', 'maxCredentialLifetimeDays@expiresAt', 'organizationWideCredentials@allowedApps']);
      expect(error.details.errors?.[1].message).toContain('2026-03-31T10:00:00.000Z');
    });

    it('refuses an expiry later than the longest lifetime after creation, and accepts one just within it', () => {
      const error = spec()
        .given([])
        .when(create({ expiresAt: '2026-03-31T10:00:01.000Z', policy: policy({ maxCredentialLifetimeDays: 30 }) }))
        .thenFails('POLICY_VIOLATION', 'unprocessable');
      expect(rulesOf(error)).toEqual(['maxCredentialLifetimeDays@expiresAt']);
      spec()
        .given([])
        .when(create({ expiresAt: '2026-03-31T10:00:00.000Z', policy: policy({ maxCredentialLifetimeDays: 30 }) }))
        .then([created({ expiresAt: '2026-03-31T10:00:00.000Z' })]);
    });

    it('allows organization-wide credentials per environment', () => {
      const onlySandbox = policy({ organizationWideCredentials: { production: false, sandbox: true } });
      spec()
        .given([])
        .when(create({ environment: 'sandbox', policy: onlySandbox }))
        .then([created({ environment: 'sandbox' })]);
      spec()
        .given([])
        .when(create({ policy: onlySandbox }))
        .thenFails('POLICY_VIOLATION', 'unprocessable');
    });

    it('refuses apps of other organizations when third-party apps are forbidden, naming each (under approval they wait instead: credential-approval spec)', () => {
      const error = spec()
        .given([])
        .when(create({ allowedApps: { policy: 'specific', clientIds: ['prd_own', 'prd_third'] }, policy: policy({ thirdPartyApps: 'forbidden' }) }))
        .thenFails('POLICY_VIOLATION', 'unprocessable');
      expect(rulesOf(error)).toEqual(['thirdPartyApps@allowedApps']);
      expect(error.message).toContain('"prd_third"');
    });

    it('checks an update only for the fields it changes', () => {
      const strict = policy({ requireExpiry: true, thirdPartyApps: 'forbidden', organizationWideCredentials: { production: false, sandbox: true } });
      // A credential made before the policy: renaming it is not refused.
      spec()
        .given([created()])
        .when(update({ label: 'Renamed', policy: strict }))
        .then([{ type: 'CredentialLabelChanged', data: { credentialId: ID, label: 'Renamed', previousLabel: 'CI pipeline', changedAt: LATER } }]);
      const error = spec()
        .given([created()])
        .when(update({ expiresAt: null, allowedApps: { policy: 'specific', clientIds: ['prd_third'] }, policy: strict }))
        .thenFails('POLICY_VIOLATION', 'unprocessable');
      expect(rulesOf(error)).toEqual(['requireExpiry@expiresAt', 'thirdPartyApps@allowedApps']);
    });

    it('counts an updated expiry’s lifetime from the credential’s creation', () => {
      spec()
        .given([created()])
        .when(update({ expiresAt: '2026-03-11T10:00:01.000Z', policy: policy({ maxCredentialLifetimeDays: 10 }) }))
        .thenFails('POLICY_VIOLATION', 'unprocessable');
      spec()
        .given([created()])
        .when(update({ expiresAt: '2026-03-11T10:00:00.000Z', policy: policy({ maxCredentialLifetimeDays: 10 }) }))
        .then([
          {
            type: 'CredentialExpiryChanged',
            data: { credentialId: ID, expiresAt: '2026-03-11T10:00:00.000Z', previousExpiresAt: null, changedAt: LATER },
          },
        ]);
    });

    it('refuses to allow an app of another organization when the policy forbids it, and allows the organization’s own', () => {
      const forbidden = policy({ thirdPartyApps: 'forbidden' });
      const error = spec()
        .given([specific('prd_own')])
        .when(allow('prd_third', forbidden))
        .thenFails('POLICY_VIOLATION', 'unprocessable');
      expect(rulesOf(error)).toEqual(['thirdPartyApps@clientId']);
      spec()
        .given([specific('prd_own')])
        .when(allow('prd_other', forbidden))
        .then([{ type: 'CredentialAppAllowed', data: { credentialId: ID, clientId: 'prd_other', changedAt: LATER } }]);
    });
  });

  describe('inactivity (sent by the schedule)', () => {
    const SINCE = AT;
    const REVOKE_AT = '2026-04-08T10:00:00.000Z';
    const notice = (at = LATER): NoticeInactivity => ({ type: 'NoticeInactivity', inactiveSince: SINCE, revokeAt: REVOKE_AT, at });
    const noticed = {
      type: 'CredentialInactivityNoticed',
      data: { credentialId: ID, inactiveSince: SINCE, revokeAt: REVOKE_AT, noticedAt: LATER },
    } as const;
    const revokeInactive = (at: string, inactiveSince = SINCE): RevokeInactiveCredential => ({ type: 'RevokeInactiveCredential', inactiveSince, at });

    it('records the notice once per period of inactivity', () => {
      spec().given([created()]).when(notice()).then([noticed]);
      spec().given([created(), noticed]).when(notice()).then([]);
      spec()
        .given([created(), noticed])
        .when({ ...notice(), inactiveSince: '2026-03-05T00:00:00.000Z' })
        .then([{ ...noticed, data: { ...noticed.data, inactiveSince: '2026-03-05T00:00:00.000Z' } }]);
    });

    it('gives no notice to a credential that is revoked, deleted, expired or unknown', () => {
      for (const given of [[], [created(), revoked], [created(), deleted], [created({ expiresAt: '2026-03-02T00:00:00.000Z' })]]) {
        spec().given(given).when(notice()).then([]);
      }
    });

    it('revokes with reason inactive only after the notice of the same period, and not before the time it announced', () => {
      spec()
        .given([created(), noticed])
        .when(revokeInactive(REVOKE_AT))
        .then([{ type: 'CredentialRevoked', data: { credentialId: ID, reason: null, revocationReason: 'inactive', revokedAt: REVOKE_AT } }]);
      spec().given([created()]).when(revokeInactive(REVOKE_AT)).then([]);
      spec().given([created(), noticed]).when(revokeInactive('2026-04-08T09:59:59.000Z')).then([]);
      spec().given([created(), noticed]).when(revokeInactive(REVOKE_AT, '2026-03-05T00:00:00.000Z')).then([]);
    });

    it('revokes once: a second revocation (another instance, a retry) records nothing', () => {
      const done = {
        type: 'CredentialRevoked',
        data: { credentialId: ID, reason: null, revocationReason: 'inactive', revokedAt: REVOKE_AT },
      } as const;
      spec().given([created(), noticed, done]).when(revokeInactive(REVOKE_AT)).then([]);
    });
  });

  describe('expiry notices (sent by the schedule)', () => {
    // Created at AT (March 1st), expiring on March 20th at 10:00.
    const EXPIRES = '2026-03-20T10:00:00.000Z';
    const WEEK_BEFORE = '2026-03-13T10:00:00.000Z';
    const DAY_BEFORE = '2026-03-19T10:00:00.000Z';
    const expiring = created({ expiresAt: EXPIRES });
    const look = (at: string, expiresAt = EXPIRES): NoticeExpiry => ({ type: 'NoticeExpiry', expiresAt, at });
    const noticed = (daysBefore: 7 | 1, noticedAt: string, expiresAt = EXPIRES): CredentialEvent => ({
      type: 'CredentialExpiryNoticed',
      data: { credentialId: ID, expiresAt, daysBefore, noticedAt },
    });
    const expired = (recordedAt: string): CredentialEvent => ({
      type: 'CredentialExpired',
      data: { credentialId: ID, expiredAt: EXPIRES, recordedAt },
    });

    it('gives the 7-day notice in the last week, the 1-day notice in the last day, and records the expiry when it comes', () => {
      spec()
        .given([expiring])
        .when(look(WEEK_BEFORE))
        .then([noticed(7, WEEK_BEFORE)]);
      spec()
        .given([expiring, noticed(7, WEEK_BEFORE)])
        .when(look(DAY_BEFORE))
        .then([noticed(1, DAY_BEFORE)]);
      spec()
        .given([expiring, noticed(7, WEEK_BEFORE), noticed(1, DAY_BEFORE)])
        .when(look(EXPIRES))
        .then([expired(EXPIRES)]);
    });

    it('gives nothing before the week before the expiry', () => {
      spec().given([expiring]).when(look('2026-03-13T09:59:59.000Z')).then([]);
    });

    it('gives each notice once for the same expiry, and records the expiry once', () => {
      spec()
        .given([expiring, noticed(7, WEEK_BEFORE)])
        .when(look('2026-03-14T00:00:00.000Z'))
        .then([]);
      spec()
        .given([expiring, noticed(7, WEEK_BEFORE), noticed(1, DAY_BEFORE)])
        .when(look('2026-03-19T12:00:00.000Z'))
        .then([]);
      spec()
        .given([expiring, noticed(7, WEEK_BEFORE), noticed(1, DAY_BEFORE), expired(EXPIRES)])
        .when(look('2026-03-21T00:00:00.000Z'))
        .then([]);
    });

    it('skips the notices whose time passed unseen: the 1-day notice alone in the last day, only the expiry after it', () => {
      spec()
        .given([expiring])
        .when(look(DAY_BEFORE))
        .then([noticed(1, DAY_BEFORE)]);
      spec()
        .given([expiring, noticed(1, DAY_BEFORE)])
        .when(look('2026-03-19T11:00:00.000Z'))
        .then([]);
      spec()
        .given([expiring])
        .when(look('2026-03-25T00:00:00.000Z'))
        .then([expired('2026-03-25T00:00:00.000Z')]);
    });

    it('gives no notice to a revoked, deleted or unknown credential, nor to one that never expires', () => {
      for (const given of [[], [expiring, revoked], [expiring, deleted], [created()]]) {
        spec().given(given).when(look(DAY_BEFORE)).then([]);
        spec().given(given).when(look(EXPIRES)).then([]);
      }
    });

    it('gives a changed expiry notices of its own, and nothing for the expiry it replaced', () => {
      const LATER_EXPIRY = '2026-03-18T10:00:00.000Z';
      const changed: CredentialEvent = {
        type: 'CredentialExpiryChanged',
        data: { credentialId: ID, expiresAt: LATER_EXPIRY, previousExpiresAt: EXPIRES, changedAt: '2026-03-14T00:00:00.000Z' },
      };
      const given = [expiring, noticed(7, WEEK_BEFORE), changed];
      spec().given(given).when(look('2026-03-14T00:00:00.000Z')).then([]);
      spec()
        .given(given)
        .when(look('2026-03-14T00:00:00.000Z', LATER_EXPIRY))
        .then([noticed(7, '2026-03-14T00:00:00.000Z', LATER_EXPIRY)]);
      spec()
        .given([...given, noticed(7, '2026-03-14T00:00:00.000Z', LATER_EXPIRY)])
        .when(look('2026-03-17T10:00:00.000Z', LATER_EXPIRY))
        .then([noticed(1, '2026-03-17T10:00:00.000Z', LATER_EXPIRY)]);
    });
  });

  describe('DeleteCredential', () => {
    it.each([
      ['an active', [created()]],
      ['a revoked', [created(), revoked]],
      ['an expired', [created({ expiresAt: '2026-03-02T00:00:00.000Z' })]],
    ])('deletes %s credential', (_name, given) => {
      spec()
        .given(given)
        .when(remove)
        .then([{ type: 'CredentialDeleted', data: { credentialId: ID, deletedAt: LATER } }]);
    });

    it('does not find an unknown or already deleted credential', () => {
      spec().given([]).when(remove).thenFails('CREDENTIAL_NOT_FOUND', 'not-found');
      spec().given([created(), deleted]).when(remove).thenFails('CREDENTIAL_NOT_FOUND', 'not-found');
    });
  });

  describe('RecordUsage (decided on the credential, recorded in its usage stream)', () => {
    // Apps named in usedBefore are not new: these cases are about the uses themselves.
    const usage = (usages: RecordUsage['usages']): RecordUsage => ({ type: 'RecordUsage', usages, usedBefore: ['prd_own', 'prd_third'] });
    const used = (clientId: string, lastUsedAt: string, count: number, address: string | null = null, userAgent: string | null = null) => ({
      type: 'CredentialUsed' as const,
      data: { credentialId: ID, clientId, lastUsedAt, count, address, userAgent },
    });
    const spec = () => deciderSpec(credentialUsageDecider);

    it('records the uses of each app, aggregated: latest time and total count', () => {
      spec()
        .given([specific('prd_own', 'prd_third')])
        .when(
          usage([
            { clientId: 'prd_own', lastUsedAt: '2026-03-01T11:00:00.000Z', count: 2 },
            { clientId: 'prd_third', lastUsedAt: '2026-03-01T11:30:00.000Z', count: 1 },
            { clientId: 'prd_own', lastUsedAt: '2026-03-01T10:30:00.000Z', count: 3 },
          ]),
        )
        .then([used('prd_own', '2026-03-01T11:00:00.000Z', 5), used('prd_third', '2026-03-01T11:30:00.000Z', 1)]);
    });

    it('records nothing for a credential that is unknown, revoked or deleted', () => {
      const uses = usage([{ clientId: 'prd_own', lastUsedAt: LATER, count: 1 }]);
      for (const given of [[], [created(), revoked], [created(), deleted]]) spec().given(given).when(uses).then([]);
    });

    it('skips uses after the expiry', () => {
      spec()
        .given([created({ expiresAt: '2026-03-01T12:00:00.000Z' })])
        .when(
          usage([
            { clientId: 'prd_own', lastUsedAt: '2026-03-01T12:00:00.000Z', count: 1 },
            { clientId: 'prd_third', lastUsedAt: '2026-03-01T11:00:00.000Z', count: 2 },
          ]),
        )
        .then([used('prd_third', '2026-03-01T11:00:00.000Z', 2)]);
    });

    it('keeps the address and user agent of the latest use of each app', () => {
      spec()
        .given([created()])
        .when(
          usage([
            { clientId: 'prd_own', lastUsedAt: '2026-03-01T11:00:00.000Z', count: 2, address: '203.0.113.7', userAgent: 'sdk/2' },
            { clientId: 'prd_own', lastUsedAt: '2026-03-01T10:00:00.000Z', count: 1, address: '198.51.100.1', userAgent: 'sdk/1' },
          ]),
        )
        .then([used('prd_own', '2026-03-01T11:00:00.000Z', 3, '203.0.113.7', 'sdk/2')]);
    });

    it('records the first use of each app once: not for apps seen in the apps stream or used before', () => {
      const firstUse = (clientId: string, firstUsedAt: string) => ({
        type: 'CredentialUsedByNewApp' as const,
        data: { credentialId: ID, clientId, firstUsedAt },
      });
      const uses: RecordUsage = {
        type: 'RecordUsage',
        usages: [
          { clientId: 'prd_own', lastUsedAt: '2026-03-01T11:00:00.000Z', count: 1 },
          { clientId: 'prd_third', lastUsedAt: '2026-03-01T11:05:00.000Z', count: 1 },
          { clientId: 'prd_other', lastUsedAt: '2026-03-01T11:10:00.000Z', count: 1 },
        ],
        usedBefore: ['prd_other'],
      };
      spec()
        .given([created(), firstUse('prd_own', AT)])
        .when(uses)
        .then([
          firstUse('prd_third', '2026-03-01T11:05:00.000Z'),
          used('prd_own', '2026-03-01T11:00:00.000Z', 1),
          used('prd_third', '2026-03-01T11:05:00.000Z', 1),
          used('prd_other', '2026-03-01T11:10:00.000Z', 1),
        ]);
    });

    it('records one refusal of a batch, with the address it came from', () => {
      spec()
        .given([created({ allowedAddresses: ['10.0.0.0/8'] })])
        .when({
          type: 'RecordUsage',
          usages: [],
          refusals: [
            { clientId: 'prd_own', address: '203.0.113.7', refusedAt: '2026-03-01T11:00:00.000Z' },
            { clientId: 'prd_own', address: '203.0.113.8', refusedAt: '2026-03-01T11:00:30.000Z' },
          ],
        })
        .then([
          {
            type: 'CredentialUseRefused',
            data: {
              credentialId: ID,
              clientId: 'prd_own',
              address: '203.0.113.7',
              reason: 'address_not_allowed',
              refusedAt: '2026-03-01T11:00:00.000Z',
            },
          },
        ]);
      const refusal: RecordUsage = { type: 'RecordUsage', usages: [], refusals: [{ clientId: 'prd_own', address: '203.0.113.7', refusedAt: LATER }] };
      spec().given([created(), revoked]).when(refusal).then([]);
    });
  });

  describe('allowedAddresses', () => {
    const addressesSet = (allowedAddresses: string[], previousAllowedAddresses: string[]) => ({
      type: 'CredentialAllowedAddressesSet' as const,
      data: { credentialId: ID, allowedAddresses, previousAllowedAddresses, changedAt: LATER },
    });

    it('are recorded at creation, once each; none means any address', () => {
      deciderSpec(credentialDecider)
        .given([])
        .when(create({ allowedAddresses: ['10.0.0.0/8', '2001:db8::/32', '10.0.0.0/8'] }))
        .then([created({ allowedAddresses: ['10.0.0.0/8', '2001:db8::/32'] })]);
      deciderSpec(credentialDecider)
        .given([])
        .when(create({ allowedAddresses: undefined }))
        .then([created()]);
    });

    it(`are at most ${MAX_ALLOWED_ADDRESSES}`, () => {
      const many = Array.from({ length: MAX_ALLOWED_ADDRESSES + 1 }, (_, i) => `10.0.${i}.0/24`);
      deciderSpec(credentialDecider)
        .given([])
        .when(create({ allowedAddresses: many }))
        .thenFails('VALIDATION_FAILED', 'validation');
      deciderSpec(credentialDecider)
        .given([created()])
        .when(update({ allowedAddresses: many }))
        .thenFails('VALIDATION_FAILED', 'validation');
      deciderSpec(credentialDecider)
        .given([created()])
        .when(update({ allowedAddresses: many.slice(1) }))
        .then([addressesSet(many.slice(1), [])]);
    });

    it('are replaced as a whole by an update, with the previous list; the same set in another order changes nothing', () => {
      const given = [created({ allowedAddresses: ['10.0.0.0/8', '192.0.2.1/32'] })];
      deciderSpec(credentialDecider)
        .given(given)
        .when(update({ allowedAddresses: ['198.51.100.0/24'] }))
        .then([addressesSet(['198.51.100.0/24'], ['10.0.0.0/8', '192.0.2.1/32'])]);
      deciderSpec(credentialDecider)
        .given(given)
        .when(update({ allowedAddresses: ['192.0.2.1/32', '10.0.0.0/8'] }))
        .then([]);
      deciderSpec(credentialDecider)
        .given(given)
        .when(update({ label: 'CI pipeline' }))
        .then([]);
      deciderSpec(credentialDecider)
        .given(given)
        .when(update({ allowedAddresses: [] }))
        .then([addressesSet([], ['10.0.0.0/8', '192.0.2.1/32'])]);
    });

    it('cannot change on a revoked credential', () => {
      deciderSpec(credentialDecider)
        .given([created(), revoked])
        .when(update({ allowedAddresses: ['10.0.0.0/8'] }))
        .thenFails('CREDENTIAL_NOT_ACTIVE', 'conflict');
    });

    it('fold into the state', () => {
      const state = [created({ allowedAddresses: ['10.0.0.0/8'] }), addressesSet(['2001:db8::/32'], ['10.0.0.0/8'])].reduce(
        (s, e) => credentialDecider.evolve(s, e as CredentialEvent),
        credentialDecider.initialState(),
      );
      expect(state.allowedAddresses).toEqual(['2001:db8::/32']);
    });
  });

  it('folds the whole life of a credential', () => {
    const state = [
      specific('prd_own'),
      { type: 'CredentialAppAllowed', data: { credentialId: ID, clientId: 'prd_third', changedAt: AT } },
      { type: 'CredentialAppDisallowed', data: { credentialId: ID, clientId: 'prd_own', changedAt: AT } },
      { type: 'CredentialLabelChanged', data: { credentialId: ID, label: 'B', previousLabel: 'CI pipeline', changedAt: AT } },
      { type: 'CredentialUsed', data: { credentialId: ID, clientId: 'prd_third', lastUsedAt: LATER, count: 1 } },
      { type: 'CredentialUsed', data: { credentialId: ID, clientId: 'prd_third', lastUsedAt: AT, count: 1 } },
      revoked,
    ].reduce((s, e) => credentialDecider.evolve(s, e as CredentialEvent), credentialDecider.initialState());
    expect(state).toMatchObject({
      status: 'revoked',
      label: 'B',
      policy: 'specific',
      clientIds: ['prd_third'],
      lastUsedAt: LATER,
      revokedAt: AT,
      tokenExpiresAt: NEVER_EXPIRES_AT,
    });
  });
});
