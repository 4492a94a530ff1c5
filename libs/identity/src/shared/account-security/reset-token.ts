import { createHash, randomBytes } from 'node:crypto';

/** Password reset links last 24 hours. */
export const PASSWORD_RESET_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** 32 random bytes, base64url (43 characters); only its SHA-256 is stored. */
export const newPasswordResetToken = (): string => randomBytes(32).toString('base64url');

export const looksLikePasswordResetToken = (token: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(token);

export const hashPasswordResetToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');
