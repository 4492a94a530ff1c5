import { projectionSpec } from '@latchkey/event-store/testing';
import { DEFAULT_ORGANIZATION_POLICY, type OrganizationPolicy } from '../../contracts';
import { PolicyProjection } from './policy.projection';
import { PolicyReadModel } from './policy.read-model';

const strict: OrganizationPolicy = { ...DEFAULT_ORGANIZATION_POLICY, requireExpiry: true, thirdPartyApps: 'forbidden' };
const changed = (policy: OrganizationPolicy, organizationId = 'org-1') => ({
  streamName: `organizationPolicy-${organizationId}`,
  type: 'OrganizationPolicyChanged',
  data: { organizationId, policy, previous: DEFAULT_ORGANIZATION_POLICY, changedAt: '2026-03-01T00:00:00.000Z' } as unknown as Record<
    string,
    unknown
  >,
});

describe('policy projection', () => {
  it('gives the defaults at revision 0 for an organization that never changed its policy', () => {
    const policies = new PolicyReadModel(projectionSpec(new PolicyProjection()).given([]));
    expect(policies.of('org-1')).toEqual({ ...DEFAULT_ORGANIZATION_POLICY, revision: 0 });
  });

  it('gives the latest policy with its number of changes as the revision, per organization', () => {
    const db = projectionSpec(new PolicyProjection()).given([changed(strict), changed(DEFAULT_ORGANIZATION_POLICY), changed(strict, 'org-2')]);
    const policies = new PolicyReadModel(db);
    expect(policies.of('org-1')).toEqual({ ...DEFAULT_ORGANIZATION_POLICY, revision: 2 });
    expect(policies.of('org-2')).toEqual({ ...strict, revision: 1 });
  });

  it('ignores the type recorded in another stream category', () => {
    const db = projectionSpec(new PolicyProjection()).given([{ ...changed(strict), streamName: 'forged-org-1' }]);
    expect(new PolicyReadModel(db).of('org-1').revision).toBe(0);
  });
});
