import { deciderSpec } from '@latchkey/event-store/testing';
import { DEFAULT_ORGANIZATION_POLICY, type OrganizationPolicy } from '../../contracts';
import type { SetPolicy } from './policy.decide';
import { policyDecider } from './policy.decider';
import type { OrganizationPolicyChanged } from './policy.events';

const ORG = 'org-1';
const AT = '2026-03-01T10:00:00.000Z';
const strict: OrganizationPolicy = {
  maxCredentialLifetimeDays: 90,
  requireExpiry: true,
  organizationWideCredentials: { production: false, sandbox: true },
  thirdPartyApps: 'forbidden',
  inactiveCredentialRevocationDays: 30,
  requireMfa: true,
};
const set = (policy: OrganizationPolicy, expectedRevision?: number): SetPolicy => ({
  type: 'SetPolicy',
  organizationId: ORG,
  policy,
  ...(expectedRevision !== undefined ? { expectedRevision } : {}),
  at: AT,
});
const changed = (policy: OrganizationPolicy, previous: OrganizationPolicy): OrganizationPolicyChanged => ({
  type: 'OrganizationPolicyChanged',
  data: { organizationId: ORG, policy, previous, changedAt: AT },
});
const spec = () => deciderSpec(policyDecider);

describe('organization policy decider', () => {
  it('starts from the defaults, which require nothing, at revision 0', () => {
    expect(policyDecider.initialState()).toEqual({ policy: DEFAULT_ORGANIZATION_POLICY, revision: 0 });
  });

  it('replaces the whole policy, remembering the one it replaced', () => {
    spec()
      .given([])
      .when(set(strict))
      .then([changed(strict, DEFAULT_ORGANIZATION_POLICY)]);
  });

  it('records nothing when the same policy is set again, whatever the order of its fields', () => {
    const reordered = Object.fromEntries(Object.entries(strict).reverse()) as OrganizationPolicy;
    spec()
      .given([changed(strict, DEFAULT_ORGANIZATION_POLICY)])
      .when(set(reordered))
      .then([]);
    spec().given([]).when(set(DEFAULT_ORGANIZATION_POLICY)).then([]);
  });

  it('counts changes as revisions and honours the revision the caller saw', () => {
    const relaxed = { ...strict, thirdPartyApps: 'allowed' as const };
    spec()
      .given([changed(strict, DEFAULT_ORGANIZATION_POLICY)])
      .when(set(relaxed, 1))
      .then([changed(relaxed, strict)]);
    spec()
      .given([])
      .when(set(strict, 0))
      .then([changed(strict, DEFAULT_ORGANIZATION_POLICY)]);
  });

  it('refuses a change made against a policy that changed since (412)', () => {
    const error = spec()
      .given([changed(strict, DEFAULT_ORGANIZATION_POLICY)])
      .when(set(DEFAULT_ORGANIZATION_POLICY, 0))
      .thenFails('REVISION_MISMATCH', 'precondition');
    expect(error.message).toContain('revision 1');
  });
});
