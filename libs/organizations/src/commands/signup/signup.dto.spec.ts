import { bodyErrors } from '@latchkey/building-blocks/testing';
import { SignupDto } from './signup.dto';

const valid = { email: 'ann@acme.example', password: 'Correct horse 1!', name: 'Ann', organizationName: 'Acme' };

describe('SignupDto', () => {
  it('accepts a valid signup (the password and the name are identity’s to judge)', async () => {
    expect(await bodyErrors(SignupDto, valid)).toBeNull();
  });

  it.each([
    ['empty', '   ', 'Enter the name of your organization'],
    ['over 100 characters', 'x'.repeat(101), 'Use at most 100 characters'],
    ['with a control character', 'Acme\u0000', 'Remove control characters such as line breaks and tabs'],
    ['with a line feed', 'Acme\nInc', 'Remove control characters such as line breaks and tabs'],
  ])('refuses an organization name %s with a field error', async (_case, organizationName, message) => {
    expect(await bodyErrors(SignupDto, { ...valid, organizationName })).toEqual([{ field: 'organizationName', message }]);
  });
});
