import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { MasterKey, MasterKeyError } from '../../contracts/master-key';
import { type KeySlot, seal, unseal } from './sealed-secret';

const slot: KeySlot = { kid: 'prod-cred-abc', purpose: 'credential', environment: 'production' };
const flip = (base64url: string, at = 0) => {
  const bytes = Buffer.from(base64url, 'base64url');
  bytes[at] ^= 0x01;
  return bytes.toString('base64url');
};

describe('sealed secrets', () => {
  const master = MasterKey.generate();
  const secret = randomBytes(32);

  it('opens what it sealed, under a fresh nonce each time, and shows nothing of the secret', () => {
    const a = seal(master, slot, secret);
    const b = seal(master, slot, secret);
    expect(unseal(master, slot, a).equals(secret)).toBe(true);
    expect(a.nonce).not.toBe(b.nonce);
    expect(a.ciphertext).not.toBe(b.ciphertext);
    expect(Buffer.from(a.nonce, 'base64url')).toHaveLength(12);
    expect(a.masterKeyId).toBe(master.id);
    expect(JSON.stringify(a)).not.toContain(secret.toString('base64url'));
    expect(JSON.stringify(a)).not.toContain(master.toBase64());
  });

  it.each([
    ['ciphertext', (s: ReturnType<typeof seal>) => ({ ...s, ciphertext: flip(s.ciphertext) })],
    ['tag', (s: ReturnType<typeof seal>) => ({ ...s, tag: flip(s.tag) })],
    ['nonce', (s: ReturnType<typeof seal>) => ({ ...s, nonce: flip(s.nonce) })],
  ])('refuses an altered %s', (_part, tamper) => {
    expect(() => unseal(master, slot, tamper(seal(master, slot, secret)))).toThrow(/fails its integrity check/);
  });

  it.each<[string, KeySlot]>([
    ['another kid', { ...slot, kid: 'prod-cred-xyz' }],
    ['another purpose', { ...slot, purpose: 'access_token' }],
    ['another environment', { ...slot, environment: 'sandbox' }],
  ])('refuses a sealed key moved to %s', (_what, other) => {
    expect(() => unseal(master, other, seal(master, slot, secret))).toThrow(MasterKeyError);
  });

  it('refuses another master key, by its id and, were the id forged, by the cipher', () => {
    const sealed = seal(master, slot, secret);
    const other = MasterKey.generate();
    expect(() => unseal(other, slot, sealed)).toThrow(`sealed under master key ${master.id}, not under the given ${other.id}`);
    expect(() => unseal(other, slot, { ...sealed, masterKeyId: other.id })).toThrow(/fails its integrity check/);
  });
});

describe('MasterKey', () => {
  it('parses 32 bytes of base64 or base64url, and refuses any other length or alphabet, naming the source', () => {
    const key = MasterKey.generate();
    expect(MasterKey.parse(key.toBase64(), 'MASTER_KEY').id).toBe(key.id);
    expect(MasterKey.parse(`${key.bytes().toString('base64url')}\n`, 'MASTER_KEY').id).toBe(key.id);
    expect(() => MasterKey.parse(randomBytes(16).toString('base64'), 'MASTER_KEY')).toThrow(/^MASTER_KEY must be 32 bytes in base64/);
    expect(() => MasterKey.parse(`${key.toBase64().slice(0, -2)}!=`, 'MASTER_KEY_FILE')).toThrow(/^MASTER_KEY_FILE must be/);
  });

  it('never prints or serializes its bytes', () => {
    const key = MasterKey.generate();
    const shown = [JSON.stringify({ key }), String(key), inspect(key)].join(' ');
    expect(shown).toContain(key.id);
    expect(shown).not.toContain(key.toBase64());
    expect(shown).not.toContain(key.bytes().toString('base64url'));
  });
});
