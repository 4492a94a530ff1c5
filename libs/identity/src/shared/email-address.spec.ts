import { ASCII_LOOKALIKE_COUNT, looksLikeAscii } from './ascii-lookalikes';
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
    expect(emailFormatProblem(email)).toEqual(expect.stringMatching(/e-mail|characters/));
  });

  it.each(['\u0430dmin@example.com', 'admin@ex\u0430mple.com', 'p\u03b1ypal@example.com'])(
    'rejects the look-alike %j that mixes alphabets',
    (email) => {
      expect(emailFormatProblem(email)).toContain('look-alike characters from different alphabets are refused');
    },
  );

  it('accepts an address written in one non-Latin alphabet', () => {
    expect(emailFormatProblem('\u0438\u0432\u0430\u043d@\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444')).toBeNull();
  });
});

describe('emailFormatProblem: addresses that pass for ASCII they are not', () => {
  const LOOK_ALIKE = 'instead of characters that look like them';

  it.each([
    ['a dotless ı in the local part', 'adm\u0131n@example.com'],
    ['only a dotless ı as the local part', '\u0131@example.com'],
    ['look-alikes and digits only', '\u0430\u0440\u0440\u04cf\u043542@example.com'],
    ['an all-Cyrillic domain label that reads "apple"', 'ann@\u0430\u0440\u0440\u04cf\u0435.com'],
    ['an all-Cyrillic local part that reads "scope"', '\u0455\u0441\u043e\u0440\u0435@example.com'],
    ['an all-Greek label that reads "o"', 'ann@\u03bf.example.com'],
    ['a Latin script g among ASCII letters', '\u0261oogle@example.com'],
    ['an Armenian օ among ASCII letters', 'g\u0585ogle@example.com'],
    ['a dotless ı beside an accented letter', '\u0131van\u00f6@example.com'],
  ])('refuses %s', (_case, email) => {
    expect(emailFormatProblem(canonicalEmail(email))).toContain(LOOK_ALIKE);
  });

  it('refuses them in upper case too, once canonical', () => {
    expect(emailFormatProblem(canonicalEmail('ANN@\u0410\u0420\u0420\u04c0\u0415.COM'))).toContain(LOOK_ALIKE);
  });

  it('still answers a mix of alphabets as such', () => {
    expect(emailFormatProblem('p\u0430ypal@example.com')).toContain('look-alike characters from different alphabets are refused');
  });

  it.each([
    'alice@example.com',
    'ann.o-brien+tag@mail.example.co.uk',
    '\u00e5sa@ex\u00e4mple.se',
    'bj\u00f6rn.s\u00f8rensen@\u00e6r\u00f8.dk',
    'fran\u00e7ois@caf\u00e9.fr',
    '\u0438\u0432\u0430\u043d@\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444',
    '\u03b3\u03b9\u03ac\u03bd\u03bd\u03b7\u03c2@\u03c0\u03b1\u03c1\u03ac\u03b4\u03b5\u03b9\u03b3\u03bc\u03b1.gr',
    '\u7528\u6237@\u4f8b\u5b50.\u5e7f\u544a',
    '\u0645\u062b\u0627\u0644@example.com',
    'user@xn--80ak6aa92e.com',
    '\u0438\u0432\u0430\u043d42@\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444',
  ])('accepts %s', (email) => {
    expect(emailFormatProblem(canonicalEmail(email))).toBeNull();
  });
});

describe('the ASCII look-alike table', () => {
  it('holds the code points it was generated with, all outside ASCII', () => {
    expect(ASCII_LOOKALIKE_COUNT).toBe(306);
    expect(looksLikeAscii('\u0131')).toBe(true);
    expect(looksLikeAscii('\u04cf')).toBe(true);
    expect(looksLikeAscii('a')).toBe(false);
    expect(looksLikeAscii('\u00e5')).toBe(false);
    expect(looksLikeAscii('\u0438')).toBe(false);
  });
});
