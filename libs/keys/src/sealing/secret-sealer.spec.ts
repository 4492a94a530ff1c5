import { MasterKey, MasterKeyError } from '../contracts/master-key';
import { SecretSealer } from './secret-sealer';

describe('SecretSealer', () => {
  const sealer = new SecretSealer(MasterKey.generate());
  const secret = Buffer.from('a webhook secret of 24 b');

  it('opens what it sealed, for the same context only', () => {
    const sealed = sealer.seal('webhook:a', secret);
    expect(sealed.ciphertext).not.toContain(secret.toString('base64url'));
    expect(sealer.unseal('webhook:a', sealed)).toEqual(secret);
    expect(() => sealer.unseal('webhook:b', sealed)).toThrow(MasterKeyError);
  });

  it('refuses another master key and altered bytes', () => {
    const sealed = sealer.seal('webhook:a', secret);
    expect(() => new SecretSealer(MasterKey.generate()).unseal('webhook:a', sealed)).toThrow(MasterKeyError);
    const bytes = Buffer.from(sealed.ciphertext, 'base64url');
    bytes[0] ^= 1;
    const altered = { ...sealed, ciphertext: bytes.toString('base64url') };
    expect(() => sealer.unseal('webhook:a', altered)).toThrow(/integrity/);
  });
});
