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
});
