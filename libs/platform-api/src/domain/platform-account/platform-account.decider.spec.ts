import { deciderSpec, projectionSpec } from '@latchkey/event-store/testing';
import { AccountNamesProjection } from './account-names.projection';
import { platformAccountDecider } from './platform-account.decider';
import { type PlatformAccountEvent, platformAccountId, platformAccountStream } from './platform-account.events';

const rename = (name: string) => ({
  type: 'RenamePlatformAccount' as const,
  accountId: 'a1',
  organizationId: 'org-1',
  environment: 'sandbox' as const,
  name,
  at: '2026-06-01T00:00:00.000Z',
});
const renamed = (name: string): PlatformAccountEvent => ({
  type: 'PlatformAccountRenamed',
  data: { accountId: 'a1', organizationId: 'org-1', environment: 'sandbox', name, at: '2026-06-01T00:00:00.000Z' },
});

describe('platformAccountDecider', () => {
  it('renames, trimming the name', () => {
    deciderSpec(platformAccountDecider)
      .given([])
      .when(rename('  Acme Sandbox '))
      .then([renamed('Acme Sandbox')]);
    deciderSpec(platformAccountDecider)
      .given([renamed('Old')])
      .when(rename('New'))
      .then([renamed('New')]);
  });

  it('decides nothing for the current name', () => {
    deciderSpec(platformAccountDecider)
      .given([renamed('Same')])
      .when(rename('Same'))
      .then([]);
  });

  it('refuses an empty or overlong name', () => {
    deciderSpec(platformAccountDecider).given([]).when(rename('   ')).thenFails('ACCOUNT_NAME_INVALID', 'validation');
    deciderSpec(platformAccountDecider)
      .given([])
      .when(rename('x'.repeat(101)))
      .thenFails('ACCOUNT_NAME_INVALID', 'validation');
  });
});

describe('platform account identity', () => {
  it('is stable, numeric, and differs per environment and organization', () => {
    const id = platformAccountId('org-1', 'production');
    expect(id).toMatch(/^\d{16}$/);
    expect(platformAccountId('org-1', 'production')).toBe(id);
    expect(platformAccountId('org-1', 'sandbox')).not.toBe(id);
    expect(platformAccountId('org-2', 'production')).not.toBe(id);
    expect(platformAccountStream('3f1c-uuid', 'sandbox')).toBe('platformAccount-3f1c-uuid_sandbox');
  });
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
