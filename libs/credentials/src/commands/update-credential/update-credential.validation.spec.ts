import { DomainError } from '@latchkey/building-blocks';
import type { UpdateCredentialDto } from './update-credential.dto';
import { validChanges } from './update-credential.validation';

const AT = '2026-03-02T10:00:00.000Z';

function refusal(changes: UpdateCredentialDto): DomainError {
  try {
    validChanges(changes, AT);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ kind: 'validation', code: 'VALIDATION_FAILED' });
    return error as DomainError;
  }
  throw new Error('the changes were accepted');
}

/** The validation step of a change: only the fields given, checked before the decider sees them. */
describe('changing a credential: validation', () => {
  it('passes the fields given on, normalised, and leaves the others absent', () => {
    expect(validChanges({}, AT)).toEqual({ label: undefined, expiresAt: undefined, allowedApps: undefined });
    expect(
      validChanges({ label: 'Nightly job', expiresAt: '2026-03-15T00:00:00Z', allowedApps: { type: 'specific', clientIds: ['a'] } }, AT),
    ).toEqual({
      label: 'Nightly job',
      expiresAt: '2026-03-15T00:00:00.000Z',
      allowedApps: { policy: 'specific', clientIds: ['a'] },
    });
    expect(validChanges({ expiresAt: null, allowedApps: { type: 'organization' } }, AT)).toEqual({
      label: undefined,
      expiresAt: null,
      allowedApps: { policy: 'organization', clientIds: [] },
    });
  });

  it('refuses an expiry in the past', () => {
    expect(refusal({ expiresAt: '2026-03-01T10:00:00.000Z' }).details.errors).toEqual([
      { field: 'expiresAt', message: 'Choose a date and time in the future' },
    ]);
  });

  it('refuses an invalid label or list', () => {
    expect(refusal({ label: 'a\tb' }).details.errors).toEqual([
      { field: 'label', message: 'Remove control characters such as line breaks and tabs' },
    ]);
    expect(refusal({ allowedApps: { type: 'specific', clientIds: [] } }).details.errors).toEqual([
      { field: 'allowedApps.clientIds', message: 'Add at least one app' },
    ]);
  });

  it('refuses a null label (the DTO lets an optional null through)', () => {
    expect(refusal({ label: null as unknown as string }).details.errors).toEqual([{ field: 'label', message: 'label must be a string' }]);
  });

  it('replaces the address allowlist only when given: canonical, [] for any address, each bad entry named', () => {
    expect(validChanges({ allowedAddresses: ['::ffff:10.0.0.0/104', '203.0.113.5'] }, AT).allowedAddresses).toEqual(['10.0.0.0/8', '203.0.113.5/32']);
    expect(validChanges({ allowedAddresses: [] }, AT).allowedAddresses).toEqual([]);
    expect(validChanges({ label: 'x' }, AT).allowedAddresses).toBeUndefined();
    expect(refusal({ allowedAddresses: ['10.0.0.0/8', '300.0.0.1'] }).details.errors).toEqual([
      { field: 'allowedAddresses[1]', message: expect.stringContaining('"300.0.0.1" is not an IPv4 or IPv6 address or CIDR range') },
    ]);
    expect(refusal({ allowedAddresses: Array.from({ length: 51 }, (_, i) => `10.0.${i}.0/24`) }).details.errors).toEqual([
      { field: 'allowedAddresses', message: 'List at most 50 addresses or CIDR ranges' },
    ]);
  });

  it('reports every invalid field at once, in field order', () => {
    const error = refusal({ label: '', expiresAt: 'soon', allowedApps: { type: 'specific', clientIds: ['a', 'a'] } });
    expect(error.details.errors?.map((e) => e.field)).toEqual(['label', 'expiresAt', 'allowedApps.clientIds']);
  });
});
