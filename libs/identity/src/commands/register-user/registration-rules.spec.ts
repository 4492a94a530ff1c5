import type { DomainError } from '@latchkey/building-blocks';
import { validateRegistration } from './registration-rules';

const valid = { email: '  Alice@Example.com ', password: 'correct horse battery', name: '  Alice Liddell ' };

function errorsOf(input: Record<string, unknown>) {
  try {
    validateRegistration({ ...valid, ...input } as never);
  } catch (error) {
    expect(error).toMatchObject({ kind: 'validation', code: 'VALIDATION_FAILED' });
    return (error as DomainError).details.errors;
  }
  throw new Error('expected a validation error');
}

describe('validateRegistration', () => {
  it('answers the canonical e-mail and the trimmed name', () => {
    expect(validateRegistration(valid)).toEqual({ email: 'alice@example.com', name: 'Alice Liddell' });
  });

  it('reports every bad field at once', () => {
    expect(errorsOf({ email: 'not-an-address', password: 'short', name: '   ' })).toEqual([
      { field: 'email', message: 'Enter an e-mail address such as name@example.com' },
      { field: 'password', message: 'Use at least 12 characters' },
      { field: 'name', message: 'Enter your name' },
    ]);
  });

  it('refuses the e-mail address as password, compared in canonical form', () => {
    expect(errorsOf({ password: 'ALICE@example.com' })).toEqual([{ field: 'password', message: 'Choose a password other than your e-mail address' }]);
  });

  it('refuses a person an address of the service users’ reserved domain', () => {
    expect(errorsOf({ email: 'Someone@Service-Users.invalid' })).toEqual([{ field: 'email', message: 'This domain is reserved for service users' }]);
  });

  it('limits the name to 200 characters and refuses control characters', () => {
    expect(validateRegistration({ ...valid, name: 'n'.repeat(200) }).name).toHaveLength(200);
    expect(errorsOf({ name: 'n'.repeat(201) })).toEqual([{ field: 'name', message: 'Use at most 200 characters' }]);
    expect(errorsOf({ name: 'Al\u0000ice' })).toEqual([{ field: 'name', message: 'Remove control characters such as line breaks and tabs' }]);
  });

  it('refuses values that are not strings', () => {
    expect(errorsOf({ email: 42, password: null, name: {} })).toEqual([
      { field: 'email', message: 'email must be a string' },
      { field: 'password', message: 'password must be a string' },
      { field: 'name', message: 'name must be a string' },
    ]);
  });
});
