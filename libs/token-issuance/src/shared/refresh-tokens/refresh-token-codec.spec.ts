import { type RefreshTokenClaims, RefreshTokenCodec } from './refresh-token-codec';

const claims: RefreshTokenClaims = {
  sessionId: 'sid-1',
  generation: 3,
  credentialId: 'cred-1',
  clientId: 'client-1',
  environment: 'sandbox',
  scope: 'ReadAccounts',
  endpointId: 'ep',
  issuedAt: 100,
  expiresAt: 200,
};

describe('RefreshTokenCodec', () => {
  const codec = new RefreshTokenCodec(Buffer.alloc(32, 1));

  it('round-trips its claims', () => {
    const token = codec.encode(claims);
    expect(token.startsWith('lkr1.')).toBe(true);
    expect(token.split('.')).toHaveLength(3);
    expect(codec.decode(token)).toEqual(claims);
  });

  it('refuses a token MACed with another secret', () => {
    expect(new RefreshTokenCodec(Buffer.alloc(32, 2)).decode(codec.encode(claims))).toBeNull();
  });

  it('refuses any change to the payload or the MAC, including another spelling of the same MAC', () => {
    const token = codec.encode(claims);
    const [prefix, payload, mac] = token.split('.');
    const changed = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), gen: 4 })).toString('base64url');
    expect(codec.decode(`${prefix}.${changed}.${mac}`)).toBeNull();
    expect(codec.decode(`${prefix}.${payload}.${mac.slice(0, -1)}`)).toBeNull();
    expect(codec.decode(`${prefix}.${payload}.${mac}A`)).toBeNull();
    // the last base64url character of 32 bytes carries two unused bits: setting one spells the same bytes
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sibling = alphabet[alphabet.indexOf(mac[mac.length - 1]) | 1];
    expect(Buffer.from(mac.slice(0, -1) + sibling, 'base64url').equals(Buffer.from(mac, 'base64url'))).toBe(true);
    expect(codec.decode(`${prefix}.${payload}.${mac.slice(0, -1)}${sibling}`)).toBeNull();
  });

  it('refuses garbage', () => {
    for (const garbage of ['', 'lkr1.', 'lkr1..', 'lkr1.abc', 'lkr1.abc.def', 'eyJhbGciOiJFUzI1NiJ9.e30.sig', 'x'.repeat(100)]) {
      expect(codec.decode(garbage)).toBeNull();
    }
  });

  it('needs a secret of at least 32 bytes', () => {
    expect(() => new RefreshTokenCodec(Buffer.alloc(16))).toThrow();
  });

  it('signs with the active MAC key and verifies with every unretired one, read at each use', () => {
    const [first, second] = [Buffer.alloc(32, 1), Buffer.alloc(32, 2)];
    let keys = { active: first, verifying: [first] };
    const rotating = new RefreshTokenCodec({ refreshTokenMac: () => keys });
    const before = rotating.encode(claims);
    keys = { active: second, verifying: [second, first] };
    const after = rotating.encode(claims);
    expect(after).not.toBe(before);
    expect(rotating.decode(before)).toEqual(claims);
    expect(rotating.decode(after)).toEqual(claims);
    keys = { active: second, verifying: [second] };
    expect(rotating.decode(before)).toBeNull();
    expect(rotating.decode(after)).toEqual(claims);
  });
});
