import { type FieldError, throwIfInvalid } from '@latchkey/building-blocks';
import { SERVICE_USER_EMAIL_DOMAIN } from '../../contracts/identity.commands';
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
export function validateRegistration(input: RegistrationInput): ValidRegistration {
  throwIfInvalid(registrationErrors(input));
  return { email: canonicalEmail(input.email as string), name: (input.name as string).trim() };
}

export interface RegistrationInput {
  email: unknown;
  password: unknown;
  name: unknown;
}

/**
 * The field errors of a registration, any values accepted: also the rules of the sign-up and
 * invitation bodies (`@CheckFields`), so their answers name these fields with the others.
 * Without `email` (an invitation's address is the invitation's), the password is not compared with it.
 */
export function registrationErrors(input: Partial<RegistrationInput>): FieldError[] {
  const errors: FieldError[] = [];
  let email: string | null = null;
  if ('email' in input) {
    if (typeof input.email !== 'string') errors.push({ field: 'email', message: 'email must be a string' });
    else {
      email = canonicalEmail(input.email);
      const problem =
        emailFormatProblem(email) ?? (email.endsWith(`@${SERVICE_USER_EMAIL_DOMAIN}`) ? 'This domain is reserved for service users' : null);
      if (problem) errors.push({ field: 'email', message: problem });
    }
  }
  errors.push(...passwordErrors(input.password, email));
  errors.push(...nameErrors(typeof input.name === 'string' ? input.name.trim() : null));
  return errors;
}

function nameErrors(name: string | null): FieldError[] {
  const fail = (message: string) => [{ field: 'name', message }];
  if (name === null) return fail('name must be a string');
  const length = [...name].length;
  if (length === 0) return fail('Enter your name');
  if (length > NAME_MAX_LENGTH) return fail(`Use at most ${NAME_MAX_LENGTH} characters`);
  if (/\p{Cc}/u.test(name)) return fail('Remove control characters such as line breaks and tabs');
  return [];
}
