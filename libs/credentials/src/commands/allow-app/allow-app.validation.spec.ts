import { validClientId } from './allow-app.validation';

/** The validation step of allowing an app, before the decider sees the client id. */
describe('allowing an app: validation', () => {
  it('passes a client id on', () => {
    expect(validClientId('prd_own')).toBe('prd_own');
    expect(validClientId('x'.repeat(200))).toBe('x'.repeat(200));
  });

  it.each([
    ['empty', '', 'clientId must be a non-empty string'],
    ['over 200 characters', 'x'.repeat(201), 'clientId must be at most 200 characters'],
  ])('refuses a client id that is %s', (_name, clientId, message) => {
    expect(() => validClientId(clientId)).toThrow(
      expect.objectContaining({ kind: 'validation', code: 'VALIDATION_FAILED', details: { errors: [{ field: 'clientId', message }] } }),
    );
  });
});
