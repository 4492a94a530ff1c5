import { projectionSpec } from '@latchkey/event-store/testing';
import type { PlatformAccountEvent } from '../../domain/platform-account/platform-account.events';
import { AccountNamesProjection } from './account-names.projection';

const renamed = (name: string): PlatformAccountEvent => ({
  type: 'PlatformAccountRenamed',
  data: { accountId: 'a1', organizationId: 'org-1', environment: 'sandbox', name, at: '2026-06-01T00:00:00.000Z' },
});

describe('AccountNamesProjection', () => {
  it('keeps the latest name per organization and environment', () => {
    const projection = new AccountNamesProjection();
    const db = projectionSpec(projection).given([
      { streamName: 'platformAccount-org-1_sandbox', ...renamed('First') },
      { streamName: 'platformAccount-org-1_sandbox', ...renamed('Second') },
      { streamName: 'somethingElse-org-1', ...renamed('Ignored') },
    ]);
    expect(projection.nameOf('org-1', 'sandbox')).toBe('Second');
    expect(projection.nameOf('org-1', 'production')).toBeNull();
    const reloaded = new AccountNamesProjection();
    reloaded.load(db);
    expect(reloaded.nameOf('org-1', 'sandbox')).toBe('Second');
  });
});
