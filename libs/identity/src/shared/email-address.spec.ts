import { canonicalEmail, emailFormatProblem } from './email-address';

describe('canonicalEmail', () => {
  it.each([
    ['Alice@Example.COM', 'alice@example.com'],
    ['  alice@example.com\t\n', 'alice@example.com'],
    ['\u3000alice@example.com\u3000', 'alice@example.com'],
    ['ａｌｉｃｅ＠ｅｘａｍｐｌｅ．ｃｏｍ', 'alice@example.com'],
    ['ÅSA@example.com', 'åsa@example.com'],
    ['A\u030aSA@example.com', 'åsa@example.com'],
  ])('folds %j to %j', (raw, canonical) => {
    expect(canonicalEmail(raw)).toBe(canonical);
  });
});

describe('emailFormatProblem', () => {
  it.each(['alice@example.com', 'a.b+tag@mail.example.co.uk', 'åsa@exämple.se', "o'brien@example.ie"])('accepts %j', (email) => {
    expect(emailFormatProblem(email)).toBeNull();
  });

  it.each([
    '',
    'alice',
    'alice@',
    '@example.com',
    'alice@localhost',
    'alice@example.123',
    'al ice@example.com',
    'alice..b@example.com',
    '.alice@example.com',
    'alice@-example.com',
    'alice@example..com',
    'a@b@example.com',
    '"alice"@example.com',
    `${'a'.repeat(65)}@example.com`,
    `a@${'b'.repeat(250)}.com`,
  ])('rejects %j', (email) => {
    expect(emailFormatProblem(email)).toEqual(expect.stringContaining('email'));
  });

  it.each(['\u0430dmin@example.com', 'admin@ex\u0430mple.com', 'p\u03b1ypal@example.com'])(
    'rejects the look-alike %j that mixes alphabets',
    (email) => {
      expect(emailFormatProblem(email)).toContain('must not mix letters of different alphabets');
    },
  );

  it('accepts an address written in one non-Latin alphabet', () => {
    expect(emailFormatProblem('\u0438\u0432\u0430\u043d@\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444')).toBeNull();
  });
});
