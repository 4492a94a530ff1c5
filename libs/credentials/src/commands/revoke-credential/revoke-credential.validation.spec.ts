import { validReason } from './revoke-credential.validation';

/** The validation step of a revocation, before the decider sees the reason. */
describe('revoking a credential: validation', () => {
  it('passes a reason on literally', () => {
    expect(validReason('Leaked in a log')).toBe('Leaked in a log');
    expect(validReason('x'.repeat(500))).toBe('x'.repeat(500));
  });

  it('records a blank or missing reason as none', () => {
    expect(validReason('  ')).toBeNull();
    expect(validReason('')).toBeNull();
    expect(validReason(null)).toBeNull();
  });

  it.each([
    ['over 500 characters', 'x'.repeat(501), 'Use at most 500 characters'],
    ['a control character', 'a\u0007', 'Remove control characters such as line breaks and tabs'],
  ])('refuses a reason with %s', (_name, reason, message) => {
    expect(() => validReason(reason)).toThrow(
      expect.objectContaining({ kind: 'validation', code: 'VALIDATION_FAILED', details: { errors: [{ field: 'reason', message }] } }),
    );
  });
});
