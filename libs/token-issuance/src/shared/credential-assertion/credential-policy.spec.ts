import type { AllowlistEntry } from '../token-directory/token-directory';
import { type CredentialCheck, checkCredential } from './credential-policy';

const entry: AllowlistEntry = {
  credentialId: 'cred-1',
  status: 'active',
  environment: 'production',
  ownerId: 'user-1',
  ownerEnvironmentUserId: 'env-user-1',
  organizationId: 'org-1',
  policy: 'organization',
  clientIds: [],
  expiresAt: null,
};
const check = (overrides: Partial<CredentialCheck> = {}, entryOverrides: Partial<AllowlistEntry> = {}) =>
  checkCredential({
    entry: { ...entry, ...entryOverrides },
    ownerActive: true,
    environment: 'production',
    client: { clientId: 'client-1', organizationId: 'org-1' },
    now: 1_000_000,
    subject: 'env-user-1',
    ...overrides,
  })?.errorCode ?? null;

describe('checkCredential', () => {
  it('allows an active, unexpired credential of the environment, owner and organization', () => {
    expect(check()).toBeNull();
    expect(check({}, { expiresAt: 1_000_001 })).toBeNull();
    expect(check({ subject: undefined })).toBeNull();
  });

  it('answers each refusal with its code', () => {
    expect(check({ entry: null })).toBe('OAU-213');
    expect(check({ ownerActive: false })).toBe('OAU-217');
    expect(check({}, { status: 'revoked' })).toBe('OAU-213');
    expect(check({}, { status: 'deleted' })).toBe('OAU-213');
    expect(check({}, { expiresAt: 1_000_000 })).toBe('OAU-210');
    expect(check({ assertionExpired: true })).toBe('OAU-210');
    expect(check({ environment: 'sandbox' })).toBe('OAU-214');
    expect(check({ subject: 'env-user-2' })).toBe('OAU-216');
    expect(check({ client: { clientId: 'client-1', organizationId: 'org-2' } })).toBe('OAU-215');
  });

  it('checks in a fixed order: owner before revocation, revocation before expiry, expiry before environment', () => {
    expect(check({ ownerActive: false }, { status: 'revoked', expiresAt: 1 })).toBe('OAU-217');
    expect(check({}, { status: 'revoked', expiresAt: 1 })).toBe('OAU-213');
    expect(check({ environment: 'sandbox' }, { expiresAt: 1 })).toBe('OAU-210');
    expect(check({ environment: 'sandbox', subject: 'x' })).toBe('OAU-214');
    expect(check({ subject: 'x', client: { clientId: 'c', organizationId: 'org-2' } })).toBe('OAU-216');
  });

  it('specific policy: only listed client ids, whatever their organization', () => {
    const specific = { policy: 'specific' as const, clientIds: ['client-9'] };
    expect(check({ client: { clientId: 'client-9', organizationId: 'org-2' } }, specific)).toBeNull();
    expect(check({ client: { clientId: 'client-1', organizationId: 'org-1' } }, specific)).toBe('OAU-215');
  });
});
