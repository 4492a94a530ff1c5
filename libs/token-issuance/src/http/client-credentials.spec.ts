import { extractClientCredentials, parseBasicAuthorization } from './client-credentials';

const basic = (id: string, secret: string, encode = true) => {
  const part = (s: string) => (encode ? encodeURIComponent(s).replace(/%20/g, '+') : s);
  return `Basic ${Buffer.from(`${part(id)}:${part(secret)}`, 'utf8').toString('base64')}`;
};
const form = (entries: Record<string, string>) => new Map(Object.entries(entries));

describe('parseBasicAuthorization', () => {
  it('decodes client id and secret, form-decoding both parts (RFC 6749 §2.3.1)', () => {
    expect(parseBasicAuthorization(basic('my client', 'a:b+c/d=%'))).toEqual({ clientId: 'my client', clientSecret: 'a:b+c/d=%' });
    expect(parseBasicAuthorization(basic('clïent', 'sécret'))).toEqual({ clientId: 'clïent', clientSecret: 'sécret' });
    expect(parseBasicAuthorization(basic('clïent', 'sécret', false))).toEqual({ clientId: 'clïent', clientSecret: 'sécret' });
  });

  it('takes unencoded ids and secrets of the usual alphabet as they are', () => {
    expect(parseBasicAuthorization(basic('AbC_123-x', 'S3cr3t_-xyz', false))).toEqual({ clientId: 'AbC_123-x', clientSecret: 'S3cr3t_-xyz' });
  });

  it('splits at the first colon: a colon in the secret survives', () => {
    expect(parseBasicAuthorization(`Basic ${Buffer.from('id:se:cret').toString('base64')}`)).toEqual({ clientId: 'id', clientSecret: 'se:cret' });
  });

  it('accepts the scheme in any case and an empty secret', () => {
    expect(parseBasicAuthorization(`bAsIc ${Buffer.from('id:').toString('base64')}`)).toEqual({ clientId: 'id', clientSecret: '' });
  });

  it.each([
    ['another scheme', `Bearer ${Buffer.from('id:secret').toString('base64')}`],
    ['no credentials', 'Basic'],
    ['no colon', `Basic ${Buffer.from('idsecret').toString('base64')}`],
    ['an empty client id', `Basic ${Buffer.from(':secret').toString('base64')}`],
    ['not base64', 'Basic !!!!'],
    ['base64 of bytes that are not UTF-8', `Basic ${Buffer.from([0x69, 0x64, 0x3a, 0xff]).toString('base64')}`],
    ['bad percent-encoding', `Basic ${Buffer.from('id:%zz').toString('base64')}`],
    ['two tokens', `Basic ${Buffer.from('id:secret').toString('base64')} extra`],
  ])('refuses %s', (_name, header) => {
    expect(parseBasicAuthorization(header)).toBeNull();
  });
});

describe('extractClientCredentials', () => {
  it('takes the Basic header', () => {
    expect(extractClientCredentials(basic('id', 'secret'), form({}))).toEqual({
      kind: 'presented',
      credentials: { clientId: 'id', clientSecret: 'secret', method: 'basic' },
    });
  });

  it('takes client_id and client_secret from the body', () => {
    expect(extractClientCredentials(undefined, form({ client_id: 'id', client_secret: 'secret' }))).toEqual({
      kind: 'presented',
      credentials: { clientId: 'id', clientSecret: 'secret', method: 'post' },
    });
  });

  it('refuses both methods at once', () => {
    expect(extractClientCredentials(basic('id', 'secret'), form({ client_id: 'id', client_secret: 'secret' }))).toEqual({ kind: 'conflict' });
    expect(extractClientCredentials(basic('id', 'secret'), form({ client_secret: 'secret' }))).toEqual({ kind: 'conflict' });
    expect(extractClientCredentials(basic('id', 'secret'), form({ client_id: 'other' }))).toEqual({ kind: 'conflict' });
  });

  it('allows a client_id in the body that repeats the Basic one', () => {
    expect(extractClientCredentials(basic('id', 'secret'), form({ client_id: 'id' }))).toMatchObject({ kind: 'presented' });
  });

  it('answers invalid for no authentication, a public client, or a malformed header', () => {
    expect(extractClientCredentials(undefined, form({}))).toEqual({ kind: 'invalid', viaHeader: false });
    expect(extractClientCredentials(undefined, form({ client_id: 'id' }))).toEqual({ kind: 'invalid', viaHeader: false });
    expect(extractClientCredentials(undefined, form({ client_secret: 'secret' }))).toEqual({ kind: 'invalid', viaHeader: false });
    expect(extractClientCredentials('Bearer abc', form({}))).toEqual({ kind: 'invalid', viaHeader: true });
  });
});
