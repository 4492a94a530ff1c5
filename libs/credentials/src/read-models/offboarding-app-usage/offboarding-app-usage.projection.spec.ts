import { type GivenEvent, projectionSpec } from '@latchkey/event-store/testing';
import { OffboardingAppUsageProjection } from './offboarding-app-usage.projection';

const C1 = 'c0000000-0000-4000-8000-000000000001';
const C2 = 'c0000000-0000-4000-8000-000000000002';
const used = (credentialId: string, clientId: string, lastUsedAt: string, streamName = `credentialUsage-${credentialId}`): GivenEvent => ({
  streamName,
  type: 'CredentialUsed',
  data: { credentialId, clientId, lastUsedAt, count: 3 },
});

describe('offboarding app usage projection', () => {
  it('keeps each app’s latest use of each credential, most recent first, whatever order the batches arrive in', () => {
    const projection = new OffboardingAppUsageProjection();
    projectionSpec(projection).given([
      used(C1, 'billing', '2026-03-01T10:00:00.000Z'),
      used(C1, 'crm', '2026-03-02T10:00:00.000Z'),
      used(C1, 'billing', '2026-03-03T10:00:00.000Z'),
      used(C1, 'billing', '2026-03-02T09:00:00.000Z'),
      used(C2, 'crm', '2026-03-04T10:00:00.000Z'),
    ]);
    expect(projection.usedBy(C1)).toEqual([
      { clientId: 'billing', lastUsedAt: '2026-03-03T10:00:00.000Z' },
      { clientId: 'crm', lastUsedAt: '2026-03-02T10:00:00.000Z' },
    ]);
    expect(projection.usedBy(C2)).toEqual([{ clientId: 'crm', lastUsedAt: '2026-03-04T10:00:00.000Z' }]);
    expect(projection.usedBy('c0000000-0000-4000-8000-000000000009')).toEqual([]);
  });

  it('ignores the event type on streams of other categories', () => {
    const projection = new OffboardingAppUsageProjection();
    projectionSpec(projection).given([used(C1, 'billing', '2026-03-01T10:00:00.000Z', `credential-${C1}`)]);
    expect(projection.usedBy(C1)).toEqual([]);
  });
});
