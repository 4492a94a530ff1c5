import { passwordErrors } from './password-policy';

const messageFor = (password: unknown, email: string | null = 'alice@example.com') =>
  passwordErrors(password, email).map((e) => `${e.field}: ${e.message}`);

describe('passwordErrors', () => {
  it.each(['correct horse battery', 'Tr0ub4dor&3xyz', 'lowercase and 1 digit', '我的密码是非常安全的2024'])('accepts %j', (password) => {
    expect(messageFor(password)).toEqual([]);
  });

  it('refuses fewer than 12 characters, counting code points', () => {
    expect(messageFor('Short1short')).toEqual(['password: Use at least 12 characters']);
    // 11 emoji and a digit are 23 UTF-16 units but 12 characters
    expect(messageFor('😀😁😂🤣😃😄😅😆😉😊😋1')).toEqual([]);
    expect(messageFor('😀😁😂🤣😃😄😅😆😉1')).toEqual(['password: Use at least 12 characters']);
  });

  it('refuses more than 256 characters', () => {
    expect(messageFor(`Ab1cd${'x'.repeat(252)}`)).toEqual(['password: Use at most 256 characters']);
    expect(messageFor(`Ab1cd${'x'.repeat(251)}`)).toEqual([]);
  });

  it.each(['abcdefghijklmnop', 'ABCDEFGHIJKLMNOP', '123456789012345', '!@#$%^&*()_+-=[]', '我的密码是非常安全的一二三'])(
    'refuses a single kind of character: %j',
    (password) => {
      expect(messageFor(password)).toEqual([expect.stringContaining('Mix at least two kinds of characters')]);
    },
  );

  it('refuses too few different characters', () => {
    expect(messageFor('aaaaaaaaaaaaA')).toEqual(['password: Use at least 5 different characters']);
    expect(messageFor('Aa1Aa1Aa1Aa1')).toEqual(['password: Use at least 5 different characters']);
  });

  it('refuses the e-mail address as password, in any case', () => {
    expect(messageFor('Alice@Example.com')).toEqual(['password: Choose a password other than your e-mail address']);
    expect(messageFor('alice@example.com', null)).toEqual([]);
  });

  it('refuses a non-string', () => {
    expect(messageFor(12345678901234)).toEqual(['password: password must be a string']);
  });
});
