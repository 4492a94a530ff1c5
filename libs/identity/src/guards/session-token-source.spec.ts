import { DomainError } from '@latchkey/building-blocks';
import { clearedSessionCookie, sessionCookie } from '../shared/session-cookie';
import { cookieValue, presentedSessionToken } from './session-token-source';

const token = 'a'.repeat(43);
const request = (method: string, headers: Record<string, string>) => ({ method, headers });

describe('presentedSessionToken', () => {
  it('reads Bearer first, the cookie otherwise, and nothing from an Authorization of another scheme', () => {
    expect(presentedSessionToken(request('GET', { authorization: `bearer ${token}`, cookie: 'latchkey_session=b' }))).toEqual({
      token,
      via: 'bearer',
    });
    expect(presentedSessionToken(request('GET', { cookie: `a=1; latchkey_session=${token}; b=2` }))).toEqual({ token, via: 'cookie' });
    expect(presentedSessionToken(request('GET', { authorization: 'Basic eDp5', cookie: `latchkey_session=${token}` }))).toBeUndefined();
    expect(presentedSessionToken(request('GET', {}))).toBeUndefined();
  });

  it('refuses a write the cookie authenticates without X-Requested-With: latchkey, and lets GET, HEAD and Bearer writes through', () => {
    const cookie = `latchkey_session=${token}`;
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      expect(() => presentedSessionToken(request(method, { cookie }))).toThrow(DomainError);
      expect(() => presentedSessionToken(request(method, { cookie, 'x-requested-with': 'XMLHttpRequest' }))).toThrow(/X-Requested-With: latchkey/);
      expect(presentedSessionToken(request(method, { cookie, 'x-requested-with': 'latchkey' }))).toEqual({ token, via: 'cookie' });
      expect(presentedSessionToken(request(method, { authorization: `Bearer ${token}` }))).toEqual({ token, via: 'bearer' });
    }
    expect(presentedSessionToken(request('HEAD', { cookie }))).toEqual({ token, via: 'cookie' });
    try {
      presentedSessionToken(request('POST', { cookie }));
    } catch (error) {
      expect(error).toMatchObject({ kind: 'forbidden', code: 'CSRF_HEADER_REQUIRED' });
    }
  });

  it('parses cookie headers as RFC 6265 writes them', () => {
    expect(cookieValue('latchkey_session="abc"', 'latchkey_session')).toBe('abc');
    expect(cookieValue('xlatchkey_session=1; latchkey_session=2', 'latchkey_session')).toBe('2');
    expect(cookieValue('other=1', 'latchkey_session')).toBeUndefined();
  });
});

describe('the session cookie', () => {
  it('is HttpOnly, SameSite=Strict, Path=/, lasts as long as the session, and is Secure only when asked', () => {
    const now = Date.parse('2026-01-01T00:00:00.000Z');
    expect(sessionCookie(token, '2026-01-01T12:00:00.000Z', now, { secure: false })).toBe(
      `latchkey_session=${token}; Max-Age=43200; Path=/; HttpOnly; SameSite=Strict`,
    );
    expect(sessionCookie(token, '2026-01-01T12:00:00.000Z', now, { secure: true })).toMatch(/; Secure$/);
    expect(clearedSessionCookie({ secure: true })).toBe('latchkey_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict; Secure');
  });
});
