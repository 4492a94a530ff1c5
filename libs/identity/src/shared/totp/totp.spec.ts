import { ManualClock } from '@latchkey/building-blocks/testing';
import { hashRecoveryCode, newRecoveryCode, otpauthUri, totpCodeAt, totpSecretBase32, totpStepOf } from './totp';

/** RFC 6238 Appendix B, SHA-1 (the seed "12345678901234567890"): the 8-digit values, of which a 6-digit code is the last six digits. */
const RFC_SEED = Buffer.from('12345678901234567890', 'ascii');
const RFC_VECTORS: [seconds: number, code8: string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (RFC 6238, SHA-1, 6 digits, 30 s)', () => {
  it.each(RFC_VECTORS)('matches the RFC 6238 test vector at T=%i', (seconds, code8) => {
    expect(totpCodeAt(RFC_SEED, seconds * 1000)).toBe(code8.slice(-6));
    expect(totpStepOf(RFC_SEED, code8.slice(-6), seconds * 1000)).toBe(Math.floor(seconds / 30));
  });

  it('accepts the previous and next step, and nothing further (window of one step), on a manual clock', () => {
    const clock = new ManualClock('2026-03-01T12:00:10.000Z');
    const step = Math.floor(clock.nowMs() / 30_000);
    const codeOf = (s: number) => totpCodeAt(RFC_SEED, s * 30_000);
    expect(totpStepOf(RFC_SEED, codeOf(step), clock.nowMs())).toBe(step);
    expect(totpStepOf(RFC_SEED, codeOf(step - 1), clock.nowMs())).toBe(step - 1);
    expect(totpStepOf(RFC_SEED, codeOf(step + 1), clock.nowMs())).toBe(step + 1);
    expect(totpStepOf(RFC_SEED, codeOf(step - 2), clock.nowMs())).toBeNull();
    expect(totpStepOf(RFC_SEED, codeOf(step + 2), clock.nowMs())).toBeNull();
    // 30 s later the previous step's code is two steps old.
    clock.advance(30_000);
    expect(totpStepOf(RFC_SEED, codeOf(step - 1), clock.nowMs())).toBeNull();
    expect(totpStepOf(RFC_SEED, codeOf(step), clock.nowMs())).toBe(step);
  });

  it('refuses what is not six digits', () => {
    const now = 59_000;
    expect(totpStepOf(RFC_SEED, '94287082', now)).toBeNull();
    expect(totpStepOf(RFC_SEED, '28708', now)).toBeNull();
    expect(totpStepOf(RFC_SEED, '28708a', now)).toBeNull();
  });

  it('writes the otpauth URI authenticator apps read, with the base32 seed', () => {
    const uri = new URL(otpauthUri(RFC_SEED, 'alice@example.com'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Latchkey:alice@example.com');
    expect(Object.fromEntries(uri.searchParams)).toMatchObject({
      secret: totpSecretBase32(RFC_SEED),
      issuer: 'Latchkey',
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
    });
    expect(totpSecretBase32(RFC_SEED)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });

  it('makes recovery codes of 80 random bits, hashed in a form that forgives case and dashes', () => {
    const codes = Array.from({ length: 50 }, newRecoveryCode);
    expect(new Set(codes).size).toBe(50);
    for (const code of codes) expect(code).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4}){3}$/);
    expect(hashRecoveryCode(codes[0].toUpperCase().replaceAll('-', ' '))).toBe(hashRecoveryCode(codes[0]));
    expect(hashRecoveryCode(codes[0])).not.toBe(hashRecoveryCode(codes[1]));
  });
});
