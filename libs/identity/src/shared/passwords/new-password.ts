import { throwIfInvalid } from '@latchkey/building-blocks';
import { passwordErrors } from './password-policy';

/** `400 VALIDATION_FAILED` on `field` when `password` breaks the password policy. */
export function checkNewPassword(password: unknown, canonicalEmail: string, field: string): void {
  throwIfInvalid(passwordErrors(password, canonicalEmail).map((e) => ({ field, message: e.message.replace(/^password/, field) })));
}
