import { deciderSpec } from '@latchkey/event-store/testing';
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
  it('renames', () => {
    deciderSpec(platformAccountDecider)
      .given([])
      .when(rename('Acme Sandbox'))
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
