import { OWASP_SCRYPT, PasswordHasher } from './password-hasher';

/** Unit tests use a low cost; the real cost is checked once, on the encoding only. */
const cheap = new PasswordHasher({ ...OWASP_SCRYPT, N: 2 ** 10 });

describe('PasswordHasher', () => {
  it('encodes scrypt hashes with their parameters, a 16-byte salt and a 64-byte key', async () => {
    const encoded = await cheap.hash('correct horse battery');
    const [scheme, N, r, p, salt, key] = encoded.split('$');
    expect([scheme, N, r, p]).toEqual(['scrypt', '1024', '8', '1']);
    expect(Buffer.from(salt, 'base64url')).toHaveLength(16);
    expect(Buffer.from(key, 'base64url')).toHaveLength(64);
    expect(encoded).not.toContain('correct horse battery');
  });

  it('salts every hash', async () => {
    expect(await cheap.hash('correct horse battery')).not.toBe(await cheap.hash('correct horse battery'));
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const encoded = await cheap.hash('correct horse battery');
    await expect(cheap.verify('correct horse battery', encoded)).resolves.toBe(true);
    await expect(cheap.verify('correct horse batterY', encoded)).resolves.toBe(false);
    await expect(cheap.verify('', encoded)).resolves.toBe(false);
  });

  it('compares passwords in NFKC form', async () => {
    const encoded = await cheap.hash('ｐａｓｓｗｏｒｄ 12345');
    await expect(cheap.verify('password 12345', encoded)).resolves.toBe(true);
  });

  it('verifies hashes made with other parameters, so the cost can be raised later', async () => {
    const older = await new PasswordHasher({ ...OWASP_SCRYPT, N: 2 ** 11, r: 4 }).hash('correct horse battery');
    await expect(cheap.verify('correct horse battery', older)).resolves.toBe(true);
  });

  it.each([
    'plain',
    'scrypt$1000$8$1$c2FsdHNhbHRzYWx0c2FsdA$a2V5',
    `scrypt$${2 ** 24}$8$1$c2FsdHNhbHRzYWx0c2FsdA$${'A'.repeat(86)}`,
    `scrypt$1024$8$1$c2FsdA$${'A'.repeat(86)}`,
  ])('refuses a malformed or out-of-bounds hash %#', async (encoded) => {
    await expect(cheap.verify('correct horse battery', encoded)).resolves.toBe(false);
  });

  it('spends a real verification on the dummy hash and answers false', async () => {
    await expect(cheap.verifyAgainstDummy('anything at all')).resolves.toBe(false);
  });

  it('uses the OWASP parameters by default', async () => {
    const encoded = await new PasswordHasher().hash('correct horse battery');
    expect(encoded.split('$').slice(0, 4)).toEqual(['scrypt', String(2 ** 17), '8', '1']);
  });
});
