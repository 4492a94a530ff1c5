import { checkFormContentType, parseForm } from './form-body';

const parse = (body: string | Buffer) => parseForm(Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'), 32);
const params = (body: string | Buffer) => {
  const result = parse(body);
  if (!result.ok) throw new Error(result.message);
  return Object.fromEntries(result.params);
};

describe('checkFormContentType', () => {
  it.each([
    'application/x-www-form-urlencoded',
    'Application/X-WWW-Form-URLEncoded',
    'application/x-www-form-urlencoded; charset=utf-8',
    'application/x-www-form-urlencoded;charset=UTF-8',
    'application/x-www-form-urlencoded; charset="utf-8"',
  ])('accepts %s', (header) => {
    expect(checkFormContentType(header)).toEqual({ ok: true });
  });

  it.each([
    [undefined],
    [''],
    ['application/json'],
    ['text/plain'],
    ['multipart/form-data; boundary=x'],
    ['application/x-www-form-urlencoded; charset=iso-8859-1'],
    ['application/x-www-form-urlencoded; charset=utf-16'],
    ['application/x-www-form-urlencoded-evil'],
  ])('refuses %s', (header) => {
    expect(checkFormContentType(header).ok).toBe(false);
  });
});

describe('parseForm', () => {
  it('decodes names and values: + is a space, %XX a byte, bytes are UTF-8', () => {
    expect(params('grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&scope=ReadAccounts+EditAccounts&name=J%C3%BCrgen')).toEqual({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      scope: 'ReadAccounts EditAccounts',
      name: 'Jürgen',
    });
    expect(params('ascii=%41%7e+%00%2F&high=%C3%BC%41')).toEqual({ ascii: 'A~ \u0000/', high: 'üA' });
  });

  it('keeps a parameter without = as an empty value and skips empty segments', () => {
    expect(params('a&&b=2&')).toEqual({ a: '', b: '2' });
    expect(params('')).toEqual({});
  });

  it('keeps literal + as %2B and = inside values', () => {
    expect(params('secret=a%2Bb%3D%3D&x=1=2')).toEqual({ secret: 'a+b==', x: '1=2' });
  });

  it('refuses a repeated parameter, even with an empty value', () => {
    expect(parse('grant_type=a&grant_type=b')).toEqual({ ok: false, message: 'Parameter [grant_type] is repeated' });
    expect(parse('assertion=&assertion=')).toMatchObject({ ok: false });
    // the same name, spelled with percent-encoding, is the same parameter
    expect(parse('scope=a&%73cope=b')).toEqual({ ok: false, message: 'Parameter [scope] is repeated' });
  });

  it('refuses bracketed and nested names', () => {
    for (const body of ['a[]=1', 'a[b]=1', 'a%5Bb%5D=1', 'client[id]=x', 'a]=1']) {
      expect(parse(body)).toMatchObject({ ok: false });
    }
  });

  it('refuses a parameter without a name', () => {
    expect(parse('=value')).toMatchObject({ ok: false });
  });

  it('refuses malformed percent-encoding', () => {
    for (const body of ['a=%', 'a=%4', 'a=%zz', 'a=%4g&b=1', '%=1']) {
      expect(parse(body)).toMatchObject({ ok: false });
    }
  });

  it('refuses bytes that are not UTF-8, raw or percent-encoded', () => {
    expect(parse('a=%C3%28')).toMatchObject({ ok: false });
    expect(parse('a=%FF')).toMatchObject({ ok: false });
    expect(parse(Buffer.from([0x61, 0x3d, 0xc3, 0x28]))).toMatchObject({ ok: false });
    expect(parse(Buffer.from([0x61, 0x3d, 0xed, 0xa0, 0x80]))).toMatchObject({ ok: false }); // a lone surrogate
  });

  it('accepts raw UTF-8 bytes', () => {
    expect(params(Buffer.from('name=Jürgen', 'utf8'))).toEqual({ name: 'Jürgen' });
  });

  it('cannot pollute prototypes: names like __proto__ are plain Map keys', () => {
    const result = parse('__proto__=polluted&constructor=x&prototype=y&toString=z');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.params.get('__proto__')).toBe('polluted');
    expect(result.params.get('toString')).toBe('z');
    expect(result.params.has('hasOwnProperty')).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.toString).toBe(Object.prototype.toString);
  });

  it('bounds the number of parameters', () => {
    const body = Array.from({ length: 33 }, (_, i) => `p${i}=1`).join('&');
    expect(parse(body)).toEqual({ ok: false, message: 'The form body has more than 32 parameters' });
    expect(parse(Array.from({ length: 32 }, (_, i) => `p${i}=1`).join('&')).ok).toBe(true);
  });

  it('keeps error messages short and printable', () => {
    const result = parse(`${'x'.repeat(100)}%0A=1&${'x'.repeat(100)}%0A=2`);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message.length).toBeLessThan(80);
    expect(result.message).not.toContain('\n');
  });
});
