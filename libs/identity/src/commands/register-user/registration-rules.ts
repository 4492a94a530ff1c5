import { type FieldError, throwIfInvalid } from '@latchkey/building-blocks';
import { canonicalEmail, emailFormatProblem } from '../../shared/email-address';
import { passwordErrors } from '../../shared/passwords/password-policy';

export const NAME_MAX_LENGTH = 200;

export interface ValidRegistration {
  email: string;
  name: string;
}

/**
 * Checks a registration's e-mail, password and name together, so the caller hears about every
 * bad field at once (`400 VALIDATION_FAILED` with `errors`). Answers the canonical e-mail and the
 * trimmed name.
 */
export function validateRegistration(input: { email: unknown; password: unknown; name: unknown }): ValidRegistration {
  const errors: FieldError[] = [];
  let email: string | null = null;
  if (typeof input.email !== 'string') errors.push({ field: 'email', message: 'email must be a string' });
  else {
    email = canonicalEmail(input.email);
    const problem = emailFormatProblem(email);
    if (problem) errors.push({ field: 'email', message: problem });
  }
  errors.push(...passwordErrors(input.password, email));
  const name = typeof input.name === 'string' ? input.name.trim() : null;
  errors.push(...nameErrors(name));
  throwIfInvalid(errors);
  return { email: email!, name: name! };
}

function nameErrors(name: string | null): FieldError[] {
  const fail = (message: string) => [{ field: 'name', message }];
  if (name === null) return fail('name must be a string');
  const length = [...name].length;
  if (length === 0) return fail('name must not be empty');
  if (length > NAME_MAX_LENGTH) return fail(`name must be at most ${NAME_MAX_LENGTH} characters`);
  if (/\p{Cc}/u.test(name)) return fail('name must not contain control characters');
  return [];
}
