export const SESSION_COOKIE = 'latchkey_session';

/** How the application sets the session cookie: `secure` when `PUBLIC_URL` is https. */
export interface SessionCookieSettings {
  secure: boolean;
}

export const SESSION_COOKIE_SETTINGS = Symbol('SESSION_COOKIE_SETTINGS');

const attributes = (settings: SessionCookieSettings) => `Path=/; HttpOnly; SameSite=Strict${settings.secure ? '; Secure' : ''}`;

/** `Set-Cookie` for a session that ends at `expiresAt` (the cookie ends with it). */
export function sessionCookie(token: string, expiresAt: string, nowMs: number, settings: SessionCookieSettings): string {
  const maxAge = Math.max(0, Math.floor((Date.parse(expiresAt) - nowMs) / 1000));
  return `${SESSION_COOKIE}=${token}; Max-Age=${maxAge}; ${attributes(settings)}`;
}

/** `Set-Cookie` that removes the session cookie. */
export function clearedSessionCookie(settings: SessionCookieSettings): string {
  return `${SESSION_COOKIE}=; Max-Age=0; ${attributes(settings)}`;
}
