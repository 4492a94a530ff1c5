import type { FieldError } from '@latchkey/building-blocks';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
export const PASSWORD_MIN_DISTINCT_CHARACTERS = 5;

/** Kinds of characters; a password must mix at least two. */
const CHARACTER_CLASSES = [/\p{Ll}/u, /\p{Lu}/u, /\p{N}/u, /[\p{Lo}\p{Lm}\p{Lt}]/u, /[^\p{L}\p{N}]/u];

/**
 * Passwords are compared in NFKC form, so a password typed on another keyboard or input method
 * still matches. The policy and the hash both see this form.
 */
export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

/**
 * The first rule a new password breaks, as a field error on `password`, or none. Lengths count
 * Unicode code points, not UTF-16 units.
 */
export function passwordErrors(password: unknown, canonicalEmail: string | null): FieldError[] {
  const fail = (message: string): FieldError[] => [{ field: 'password', message }];
  if (typeof password !== 'string') return fail('password must be a string');
  const normalized = normalizePassword(password);
  const characters = [...normalized];
  if (characters.length < PASSWORD_MIN_LENGTH) return fail(`Use at least ${PASSWORD_MIN_LENGTH} characters`);
  if (characters.length > PASSWORD_MAX_LENGTH) return fail(`Use at most ${PASSWORD_MAX_LENGTH} characters`);
  if (CHARACTER_CLASSES.filter((cls) => cls.test(normalized)).length < 2) {
    return fail('Mix at least two kinds of characters: lower-case letters, upper-case letters, digits, symbols or spaces');
  }
  if (new Set(characters).size < PASSWORD_MIN_DISTINCT_CHARACTERS) {
    return fail(`Use at least ${PASSWORD_MIN_DISTINCT_CHARACTERS} different characters`);
  }
  if (canonicalEmail !== null && normalized.trim().toLowerCase() === canonicalEmail) return fail('Choose a password other than your e-mail address');
  return [];
}
