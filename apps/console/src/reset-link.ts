/** A password reset link carries its one-time token in the fragment (`/reset-password#<token>`): it never reaches the server's logs. */
export const RESET_PASSWORD_PATH = '/reset-password';

export const resetPasswordLink = (origin: string, token: string) => `${origin}${RESET_PASSWORD_PATH}#${encodeURIComponent(token)}`;
