import { randomBytes } from 'node:crypto';
import { MasterKey } from '../../contracts/master-key';
import { MasterKeySealing } from './derived-key-sealer';

describe('DerivedKeySealer', () => {
  const master = MasterKey.generate();
  const sealer = new MasterKeySealing(master).forPurpose('identity secrets');
  const secret = randomBytes(20);

  it('opens what it sealed for the same context, and shows neither the secret nor a key', () => {
    const sealed = sealer.seal(secret, 'totp:u1');
    expect(sealer.open(sealed, 'totp:u1').equals(secret)).toBe(true);
    expect(sealer.seal(secret, 'totp:u1').nonce).not.toBe(sealed.nonce);
    const shown = JSON.stringify({ sealed, sealer });
    expect(shown).not.toContain(secret.toString('base64url'));
    expect(shown).not.toContain(master.bytes().toString('base64url'));
  });

  it('refuses another context, an altered ciphertext, another purpose and another master key', () => {
    const sealed = sealer.seal(secret, 'totp:u1');
    expect(() => sealer.open(sealed, 'totp:u2')).toThrow(/integrity/);
    const altered = Buffer.from(sealed.ciphertext, 'base64url');
    altered[0] ^= 1;
    expect(() => sealer.open({ ...sealed, ciphertext: altered.toString('base64url') }, 'totp:u1')).toThrow(/integrity/);
    expect(() => new MasterKeySealing(master).forPurpose('other').open(sealed, 'totp:u1')).toThrow(/sealed under/);
    expect(() => new MasterKeySealing(MasterKey.generate()).forPurpose('identity secrets').open(sealed, 'totp:u1')).toThrow(/sealed under/);
  });

  it('derives the same key from the same master key and purpose (another instance, a restart)', () => {
    const again = new MasterKeySealing(MasterKey.parse(master.toBase64(), 'MASTER_KEY')).forPurpose('identity secrets');
    expect(again.open(sealer.seal(secret, 'totp:u1'), 'totp:u1').equals(secret)).toBe(true);
  });
});
