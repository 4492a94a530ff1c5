import { deciderSpec } from '@latchkey/event-store/testing';
import type { AllowApp, ApproveApp, CreateCredential, DenyApp, KnownClient, ThirdPartyApproval, UpdateCredential } from './credential.decide';
import { credentialDecider } from './credential.decider';
import type { CredentialCreated, CredentialEvent } from './credential.events';
import { initialCredentialState, evolve, isPendingApproval } from './credential.state';
import { type CredentialPolicy, NO_CREDENTIAL_POLICY } from './credential-policy';

const ID = '0d6f3c1e-0000-4000-8000-000000000002';
const ORG = 'org-1';
const AT = '2026-03-01T10:00:00.000Z';
const LATER = '2026-03-02T10:00:00.000Z';

const clients: KnownClient[] = [
  { clientId: 'prd_own', environment: 'production', organizationId: ORG },
  { clientId: 'prd_partner', environment: 'production', organizationId: 'org-partner' },
  { clientId: 'prd_vendor', environment: 'production', organizationId: 'org-vendor' },
];
const underApproval: CredentialPolicy = { ...NO_CREDENTIAL_POLICY, thirdPartyApps: 'approval' };
const requestIds: Record<string, string> = { prd_own: 'request-own', prd_partner: 'request-partner', prd_vendor: 'request-vendor' };
const requestIdOf = (clientId: string) => requestIds[clientId];
const developer: ThirdPartyApproval = { justification: 'Partner syncs our invoices', approvedAtOnce: false, requestIds };
const admin: ThirdPartyApproval = { justification: 'Our own integration', approvedAtOnce: true, requestIds };

const create = (clientIds: string[], approval?: ThirdPartyApproval, policy = underApproval): CreateCredential => ({
  type: 'CreateCredential',
  credentialId: ID,
  label: 'Partner sync',
  environment: 'production',
  expiresAt: null,
  allowedApps: { policy: 'specific', clientIds },
  owner: { userId: 'user-dev', email: 'dev@acme.test', organizationId: ORG, environmentUserId: '100200300' },
  clients,
  policy,
  approval,
  at: AT,
});
const created = (clientIds: string[], pendingClientIds?: string[], policy: 'organization' | 'specific' = 'specific'): CredentialCreated => ({
  type: 'CredentialCreated',
  data: {
    credentialId: ID,
    label: 'Partner sync',
    environment: 'production',
    expiresAt: null,
    policy,
    clientIds,
    ownerId: 'user-dev',
    ownerEmail: 'dev@acme.test',
    ownerEnvironmentUserId: '100200300',
    organizationId: ORG,
    createdAt: AT,
    allowedAddresses: [],
    ...(pendingClientIds ? { pendingClientIds, requestIds: Object.fromEntries(pendingClientIds.map((id) => [id, requestIdOf(id)])) } : {}),
  },
});
const allow = (clientId: string, approval?: ThirdPartyApproval): AllowApp => ({
  type: 'AllowApp',
  clientId,
  clients,
  policy: underApproval,
  approval,
  at: LATER,
});
const update = (clientIds: string[], approval?: ThirdPartyApproval): UpdateCredential => ({
  type: 'UpdateCredential',
  allowedApps: { policy: 'specific', clientIds },
  clients,
  policy: underApproval,
  approval,
  at: LATER,
});
const approve = (clientId: string, requestId = requestIdOf(clientId)): ApproveApp => ({ type: 'ApproveApp', clientId, requestId, at: LATER });
const deny = (clientId: string, requestId = requestIdOf(clientId)): DenyApp => ({
  type: 'DenyApp',
  clientId,
  requestId,
  reason: 'Not a vendor we use',
  at: LATER,
});
const spec = () => deciderSpec(credentialDecider);
const stateAfter = (events: CredentialEvent[]) => events.reduce(evolve, initialCredentialState());

describe('credential decider: apps of other organizations under thirdPartyApps "approval"', () => {
  describe('creating', () => {
    it('makes a credential whose only apps are third-party pending: every one of them waits', () => {
      spec()
        .given([])
        .when(create(['prd_partner', 'prd_vendor'], developer))
        .then([created(['prd_partner', 'prd_vendor'], ['prd_partner', 'prd_vendor'])]);
      expect(isPendingApproval(stateAfter([created(['prd_partner'], ['prd_partner'])]))).toBe(true);
    });

    it('keeps its own organization’s apps usable beside a pending one: the credential is not pending', () => {
      spec()
        .given([])
        .when(create(['prd_own', 'prd_partner'], developer))
        .then([created(['prd_own', 'prd_partner'], ['prd_partner'])]);
      expect(isPendingApproval(stateAfter([created(['prd_own', 'prd_partner'], ['prd_partner'])]))).toBe(false);
    });

    it('needs a justification when an app needs approval (400 naming the field), and none otherwise', () => {
      const error = spec()
        .given([])
        .when(create(['prd_partner']))
        .thenFails('VALIDATION_FAILED', 'validation');
      expect(error.details.errors).toEqual([{ field: 'justification', message: expect.stringContaining('"prd_partner"') }]);
      spec()
        .given([])
        .when(create(['prd_partner'], { justification: null, approvedAtOnce: true, requestIds }))
        .thenFails('VALIDATION_FAILED', 'validation');
      spec()
        .given([])
        .when(create(['prd_own']))
        .then([created(['prd_own'])]);
    });

    it('approves a developer_admin’s apps at once: nothing is pending', () => {
      spec()
        .given([])
        .when(create(['prd_partner'], admin))
        .then([created(['prd_partner'])]);
    });

    it('leaves apps of other organizations usable at once when third-party apps are allowed', () => {
      spec()
        .given([])
        .when(create(['prd_partner'], undefined, NO_CREDENTIAL_POLICY))
        .then([created(['prd_partner'])]);
    });
  });

  describe('adding apps to an existing credential', () => {
    it('adds a third-party app as pending with POST …/allowed-apps; its other apps keep working', () => {
      spec()
        .given([created(['prd_own'])])
        .when(allow('prd_partner', developer))
        .then([
          {
            type: 'CredentialAppAllowed',
            data: { credentialId: ID, clientId: 'prd_partner', pending: true, requestId: 'request-partner', changedAt: LATER },
          },
        ]);
      expect(
        isPendingApproval(
          stateAfter([
            created(['prd_own']),
            { type: 'CredentialAppAllowed', data: { credentialId: ID, clientId: 'prd_partner', pending: true, changedAt: LATER } },
          ]),
        ),
      ).toBe(false);
    });

    it('refuses the addition without a justification, and adds a developer_admin’s app as usable', () => {
      spec()
        .given([created(['prd_own'])])
        .when(allow('prd_partner'))
        .thenFails('VALIDATION_FAILED', 'validation');
      spec()
        .given([created(['prd_own'])])
        .when(allow('prd_partner', admin))
        .then([{ type: 'CredentialAppAllowed', data: { credentialId: ID, clientId: 'prd_partner', changedAt: LATER } }]);
    });

    it('restricts an organization-wide credential to the one pending app', () => {
      spec()
        .given([created([], undefined, 'organization')])
        .when(allow('prd_partner', developer))
        .then([
          {
            type: 'CredentialAllowedAppsSet',
            data: {
              credentialId: ID,
              policy: 'specific',
              clientIds: ['prd_partner'],
              pendingClientIds: ['prd_partner'],
              requestIds: { prd_partner: 'request-partner' },
              changedAt: LATER,
            },
          },
        ]);
    });

    it('records nothing when the app is already in the list, pending or not (no second request)', () => {
      spec()
        .given([created(['prd_partner'], ['prd_partner'])])
        .when(allow('prd_partner', developer))
        .then([]);
    });

    it('on a PATCH of the list: added third-party apps wait, pending apps kept stay pending, removed ones go', () => {
      spec()
        .given([created(['prd_own', 'prd_partner'], ['prd_partner'])])
        .when(update(['prd_own', 'prd_partner', 'prd_vendor'], developer))
        .then([
          {
            type: 'CredentialAllowedAppsSet',
            data: {
              credentialId: ID,
              policy: 'specific',
              clientIds: ['prd_own', 'prd_partner', 'prd_vendor'],
              pendingClientIds: ['prd_partner', 'prd_vendor'],
              requestIds: { prd_vendor: 'request-vendor' },
              changedAt: LATER,
            },
          },
        ]);
      spec()
        .given([created(['prd_own', 'prd_partner'], ['prd_partner'])])
        .when(update(['prd_own']))
        .then([{ type: 'CredentialAllowedAppsSet', data: { credentialId: ID, policy: 'specific', clientIds: ['prd_own'], changedAt: LATER } }]);
    });

    it('asks no justification of a PATCH that adds no third-party app', () => {
      spec()
        .given([created(['prd_partner'], ['prd_partner'])])
        .when(update(['prd_partner', 'prd_own']))
        .then([
          {
            type: 'CredentialAllowedAppsSet',
            data: {
              credentialId: ID,
              policy: 'specific',
              clientIds: ['prd_partner', 'prd_own'],
              pendingClientIds: ['prd_partner'],
              changedAt: LATER,
            },
          },
        ]);
    });
  });

  describe('ApproveApp', () => {
    it('makes a pending app usable: the pending credential becomes active', () => {
      const approved: CredentialEvent = {
        type: 'CredentialAppApproved',
        data: { credentialId: ID, clientId: 'prd_partner', requestId: requestIdOf('prd_partner'), approvedAt: LATER },
      };
      spec()
        .given([created(['prd_partner'], ['prd_partner'])])
        .when(approve('prd_partner'))
        .then([approved]);
      const state = stateAfter([created(['prd_partner'], ['prd_partner']), approved]);
      expect(state.pendingClientIds).toEqual([]);
      expect(isPendingApproval(state)).toBe(false);
    });

    it('records nothing when the same request approves again (a retry after a crash)', () => {
      const approved: CredentialEvent = {
        type: 'CredentialAppApproved',
        data: { credentialId: ID, clientId: 'prd_partner', requestId: 'request-partner', approvedAt: LATER },
      };
      spec()
        .given([created(['prd_partner'], ['prd_partner']), approved])
        .when(approve('prd_partner'))
        .then([]);
    });

    it('lets only the app’s latest request decide it: an older one (the app was removed and asked for again) is obsolete', () => {
      const again: CredentialEvent[] = [
        created(['prd_own', 'prd_partner'], ['prd_partner']),
        { type: 'CredentialAppDisallowed', data: { credentialId: ID, clientId: 'prd_partner', changedAt: LATER } },
        {
          type: 'CredentialAppAllowed',
          data: { credentialId: ID, clientId: 'prd_partner', pending: true, requestId: 'request-later', changedAt: LATER },
        },
      ];
      spec().given(again).when(approve('prd_partner')).thenFails('CREDENTIAL_REQUEST_OBSOLETE', 'conflict');
      spec().given(again).when(deny('prd_partner')).then([]);
      spec()
        .given(again)
        .when(approve('prd_partner', 'request-later'))
        .then([
          { type: 'CredentialAppApproved', data: { credentialId: ID, clientId: 'prd_partner', requestId: 'request-later', approvedAt: LATER } },
        ]);
      // Once approved by the later request, the older one cannot approve it either.
      const approved: CredentialEvent = {
        type: 'CredentialAppApproved',
        data: { credentialId: ID, clientId: 'prd_partner', requestId: 'request-later', approvedAt: LATER },
      };
      spec()
        .given([...again, approved])
        .when(approve('prd_partner'))
        .thenFails('CREDENTIAL_REQUEST_OBSOLETE', 'conflict');
    });

    it('refuses to approve an app no longer in the list, or on a revoked, deleted or expired credential (409)', () => {
      spec()
        .given([created(['prd_own'])])
        .when(approve('prd_partner'))
        .thenFails('CREDENTIAL_REQUEST_OBSOLETE', 'conflict');
      spec()
        .given([
          created(['prd_partner'], ['prd_partner']),
          { type: 'CredentialRevoked', data: { credentialId: ID, reason: null, revocationReason: 'owner', revokedAt: AT } },
        ])
        .when(approve('prd_partner'))
        .thenFails('CREDENTIAL_REQUEST_OBSOLETE', 'conflict');
      spec()
        .given([created(['prd_partner'], ['prd_partner']), { type: 'CredentialDeleted', data: { credentialId: ID, deletedAt: AT } }])
        .when(approve('prd_partner'))
        .thenFails('CREDENTIAL_REQUEST_OBSOLETE', 'conflict');
      spec()
        .given([
          {
            ...created(['prd_partner'], ['prd_partner']),
            data: { ...created(['prd_partner'], ['prd_partner']).data, expiresAt: '2026-03-01T12:00:00.000Z' },
          },
        ])
        .when(approve('prd_partner'))
        .thenFails('CREDENTIAL_REQUEST_OBSOLETE', 'conflict');
    });
  });

  describe('DenyApp', () => {
    it('removes a denied app from a credential that has other apps', () => {
      const denied: CredentialEvent = {
        type: 'CredentialAppDenied',
        data: { credentialId: ID, clientId: 'prd_partner', requestId: requestIdOf('prd_partner'), deniedAt: LATER },
      };
      spec()
        .given([created(['prd_own', 'prd_partner'], ['prd_partner'])])
        .when(deny('prd_partner'))
        .then([denied]);
      const state = stateAfter([created(['prd_own', 'prd_partner'], ['prd_partner']), denied]);
      expect({ clientIds: state.clientIds, pending: state.pendingClientIds, status: state.status }).toEqual({
        clientIds: ['prd_own'],
        pending: [],
        status: 'active',
      });
    });

    it('keeps a pending credential pending when one of its two pending apps is denied', () => {
      const events = [
        created(['prd_partner', 'prd_vendor'], ['prd_partner', 'prd_vendor']),
        {
          type: 'CredentialAppDenied',
          data: { credentialId: ID, clientId: 'prd_partner', requestId: requestIdOf('prd_partner'), deniedAt: LATER },
        } as CredentialEvent,
      ];
      expect(isPendingApproval(stateAfter(events))).toBe(true);
    });

    it('revokes a pending credential whose only app is denied, with reason denied and the admin’s reason', () => {
      spec()
        .given([created(['prd_partner'], ['prd_partner'])])
        .when(deny('prd_partner'))
        .then([
          { type: 'CredentialRevoked', data: { credentialId: ID, reason: 'Not a vendor we use', revocationReason: 'denied', revokedAt: LATER } },
        ]);
    });

    it('records nothing when the app is no longer pending, or the credential no longer active', () => {
      spec()
        .given([created(['prd_own', 'prd_partner'])])
        .when(deny('prd_partner'))
        .then([]);
      spec()
        .given([created(['prd_own'])])
        .when(deny('prd_partner'))
        .then([]);
      spec()
        .given([
          created(['prd_partner'], ['prd_partner']),
          { type: 'CredentialRevoked', data: { credentialId: ID, reason: null, revocationReason: 'owner', revokedAt: AT } },
        ])
        .when(deny('prd_partner'))
        .then([]);
    });
  });
});
