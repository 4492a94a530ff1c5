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
  allowedAddresses: [],
  expiresAt: null,
};
const check = (overrides: Partial<CredentialCheck> = {}, entryOverrides: Partial<AllowlistEntry> = {}) =>
  checkCredential({
    entry: { ...entry, ...entryOverrides },
    owner: 'active',
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
    expect(check({ owner: 'deactivated' })).toBe('OAU-217');
    expect(check({ owner: 'no_developer_access' })).toBe('OAU-217');
    expect(check({}, { status: 'revoked' })).toBe('OAU-213');
    expect(check({}, { status: 'deleted' })).toBe('OAU-213');
    expect(check({}, { expiresAt: 1_000_000 })).toBe('OAU-210');
    expect(check({ assertionExpired: true })).toBe('OAU-210');
    expect(check({ environment: 'sandbox' })).toBe('OAU-214');
    expect(check({ subject: 'env-user-2' })).toBe('OAU-216');
    expect(check({ client: { clientId: 'client-1', organizationId: 'org-2' } })).toBe('OAU-215');
  });

  it('refuses a credential all of whose apps wait for approval, and an app that waits, with 280; other apps keep working', () => {
    const pending = { policy: 'specific' as const, clientIds: ['client-1', 'client-2'], pendingClientIds: ['client-1', 'client-2'] };
    expect(check({}, pending)).toBe('OAU-280');
    expect(check({ client: { clientId: 'client-3', organizationId: 'org-1' } }, pending)).toBe('OAU-280');
    const onePending = { policy: 'specific' as const, clientIds: ['client-1', 'client-2'], pendingClientIds: ['client-2'] };
    expect(check({}, onePending)).toBeNull();
    expect(check({ client: { clientId: 'client-2', organizationId: 'org-2' } }, onePending)).toBe('OAU-280');
    expect(check({ client: { clientId: 'client-3', organizationId: 'org-1' } }, onePending)).toBe('OAU-215');
    // After the states that never end and the environment: a revoked pending credential is revoked.
    expect(check({}, { ...pending, status: 'revoked' })).toBe('OAU-213');
    expect(check({ environment: 'sandbox' }, pending)).toBe('OAU-214');
  });

  it('checks in a fixed order: owner before revocation, revocation before expiry, expiry before environment', () => {
    expect(check({ owner: 'deactivated' }, { status: 'revoked', expiresAt: 1 })).toBe('OAU-217');
    expect(check({}, { status: 'revoked', expiresAt: 1 })).toBe('OAU-213');
    expect(check({ environment: 'sandbox' }, { expiresAt: 1 })).toBe('OAU-210');
    expect(check({ environment: 'sandbox', subject: 'x' })).toBe('OAU-214');
    expect(check({ subject: 'x', client: { clientId: 'c', organizationId: 'org-2' } })).toBe('OAU-216');
  });

  it('an owner without developer access: 217 after revocation and expiry, before environment, subject and app', () => {
    const demoted = { owner: 'no_developer_access' as const };
    expect(check(demoted, { status: 'revoked' })).toBe('OAU-213');
    expect(check(demoted, { expiresAt: 1 })).toBe('OAU-210');
    expect(check({ ...demoted, assertionExpired: true })).toBe('OAU-210');
    expect(check({ ...demoted, environment: 'sandbox' })).toBe('OAU-217');
    expect(check({ ...demoted, subject: 'x' })).toBe('OAU-217');
    expect(check({ ...demoted, client: { clientId: 'c', organizationId: 'org-2' } })).toBe('OAU-217');
  });

  it('words the two owner refusals apart, without naming the owner', () => {
    const message = (owner: CredentialCheck['owner']) =>
      checkCredential({ entry, owner, environment: 'production', client: { clientId: 'client-1', organizationId: 'org-1' }, now: 1 })?.message;
    expect(message('deactivated')).toBe("The credential's owner is deactivated");
    expect(message('no_developer_access')).toBe("The credential's owner no longer has developer access in their organization");
    expect(message('active')).toBeUndefined();
  });

  it('specific policy: only listed client ids, whatever their organization', () => {
    const specific = { policy: 'specific' as const, clientIds: ['client-9'] };
    expect(check({ client: { clientId: 'client-9', organizationId: 'org-2' } }, specific)).toBeNull();
    expect(check({ client: { clientId: 'client-1', organizationId: 'org-1' } }, specific)).toBe('OAU-215');
  });
});
