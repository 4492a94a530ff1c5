import { DomainError } from '@latchkey/building-blocks';
import { MAX_ALLOWED_APPS } from '../../domain/credential/credential.decide';
import type { CreateCredentialDto } from './create-credential.dto';
import { validCreation } from './create-credential.validation';

const AT = '2026-03-01T10:00:00.000Z';
const IN_A_MONTH = '2026-04-01T00:00:00.000Z';

const body = (overrides: Partial<CreateCredentialDto> = {}): CreateCredentialDto => ({
  label: 'CI pipeline',
  environment: 'production',
  expiresAt: null,
  allowedApps: { type: 'organization' },
  ...overrides,
});

function refusal(input: CreateCredentialDto): DomainError {
  try {
    validCreation(input, AT);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ kind: 'validation', code: 'VALIDATION_FAILED' });
    return error as DomainError;
  }
  throw new Error('the creation was accepted');
}

/** The validation step of a creation: what the DTO's types let through, checked before the decider sees it. */
describe('creating a credential: validation', () => {
  it('passes a valid creation on, as the decider takes it', () => {
    expect(validCreation(body({ allowedApps: { type: 'specific', clientIds: ['prd_third', 'prd_own'] } }), AT)).toEqual({
      label: 'CI pipeline',
      environment: 'production',
      expiresAt: null,
      allowedApps: { policy: 'specific', clientIds: ['prd_third', 'prd_own'] },
      allowedAddresses: [],
    });
    expect(validCreation(body(), AT).allowedApps).toEqual({ policy: 'organization', clientIds: [] });
  });

  it('canonicalises allowedAddresses, each once, and names every bad entry by its index', () => {
    const allowedAddresses = ['198.51.100.7', '10.1.2.3/8', '2001:DB8::/32', '10.0.0.0/8'];
    expect(validCreation(body({ allowedAddresses }), AT).allowedAddresses).toEqual(['198.51.100.7/32', '10.0.0.0/8', '2001:db8::/32']);
    expect(() => validCreation(body({ allowedAddresses: ['10.0.0.0/8', 'office', '10.0.0.0/40', 'x'.repeat(100)] }), AT)).toThrow(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        details: { errors: ['allowedAddresses[1]', 'allowedAddresses[2]', 'allowedAddresses[3]'].map((field) => expect.objectContaining({ field })) },
      }),
    );
    const tooMany = Array.from({ length: 51 }, (_, i) => `10.0.${i}.0/24`);
    expect(() => validCreation(body({ allowedAddresses: tooMany }), AT)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });

  it('normalises the expiry to whole seconds in UTC', () => {
    expect(validCreation(body({ expiresAt: '2026-04-01T02:00:00.987+02:00' }), AT).expiresAt).toBe(IN_A_MONTH);
  });

  it('accepts a date-only expiry as midnight UTC', () => {
    expect(validCreation(body({ expiresAt: '2026-04-01' }), AT).expiresAt).toBe(IN_A_MONTH);
  });

  it('keeps the label literally, markup included', () => {
    const label = '<script>alert("x")</script> & ünïcødé 🔑';
    expect(validCreation(body({ label }), AT).label).toBe(label);
  });

  it('accepts a label of exactly 100 characters, counted as characters not UTF-16 units', () => {
    const label = '🔑'.repeat(100);
    expect(validCreation(body({ label }), AT).label).toBe(label);
  });

  it.each([
    ['empty', '', 'Enter a label'],
    ['blank', '   ', 'Enter a label'],
    ['101 characters', 'x'.repeat(101), 'Use at most 100 characters'],
    ['a newline', 'line\nbreak', 'Remove control characters such as line breaks and tabs'],
    ['a NUL', 'nul\u0000', 'Remove control characters such as line breaks and tabs'],
    ['an escape sequence', '\u001b[31mred', 'Remove control characters such as line breaks and tabs'],
    ['a DEL', 'del\u007f', 'Remove control characters such as line breaks and tabs'],
    ['a lone surrogate', 'bad\ud800', 'Use valid Unicode text'],
  ])('refuses a label that is %s', (_name, label, message) => {
    expect(refusal(body({ label })).details.errors).toEqual([{ field: 'label', message }]);
  });

  it.each([
    ['in the past', '2026-02-28T00:00:00Z', 'Choose a date and time in the future'],
    ['now', AT, 'Choose a date and time in the future'],
    ['without a time zone', '2026-04-01T00:00:00', 'Give an ISO 8601 date or date-time with a time zone, or null for never'],
    ['not a date', 'next tuesday', 'Give an ISO 8601 date or date-time with a time zone, or null for never'],
    ['after the never-expires date', '2100-01-01T00:00:01Z', 'Choose a date no later than 2100-01-01T00:00:00.000Z, or choose never'],
  ])('refuses an expiry %s with a field error', (_name, expiresAt, message) => {
    expect(refusal(body({ expiresAt })).details.errors).toEqual([{ field: 'expiresAt', message }]);
  });

  it.each([
    ['an empty specific list', { type: 'specific' as const, clientIds: [] }, 'Add at least one app'],
    ['a specific list without clientIds', { type: 'specific' as const }, 'Add at least one app'],
    ['duplicate client ids', { type: 'specific' as const, clientIds: ['prd_own', 'prd_own'] }, 'List each app once'],
    ['an empty client id', { type: 'specific' as const, clientIds: [''] }, 'allowedApps.clientIds must be a non-empty string'],
    [
      'too many apps',
      { type: 'specific' as const, clientIds: Array.from({ length: MAX_ALLOWED_APPS + 1 }, (_, i) => `c${i}`) },
      'Choose at most 50 apps',
    ],
    [
      'client ids with the organization policy',
      { type: 'organization' as const, clientIds: ['prd_own'] },
      'clientIds are only given with allowedApps.type "specific"',
    ],
  ])('refuses %s', (_name, allowedApps, message) => {
    expect(refusal(body({ allowedApps })).details.errors).toEqual([{ field: 'allowedApps.clientIds', message }]);
  });

  it('refuses a client id of over 200 characters', () => {
    expect(refusal(body({ allowedApps: { type: 'specific', clientIds: ['x'.repeat(201)] } })).details.errors).toEqual([
      { field: 'allowedApps.clientIds', message: 'allowedApps.clientIds must be at most 200 characters' },
    ]);
  });

  it('reports every invalid field at once, in field order', () => {
    const error = refusal(body({ label: '', expiresAt: 'soon', allowedApps: { type: 'specific', clientIds: [] } }));
    expect(error.details.errors?.map((e) => e.field)).toEqual(['label', 'expiresAt', 'allowedApps.clientIds']);
    expect(error.message).toBe('3 fields are invalid');
  });

  it('answers one field error with its message', () => {
    expect(refusal(body({ label: '' })).message).toBe('Enter a label');
  });
});
