import { type Environment, type FieldError, throwIfInvalid } from '@latchkey/building-blocks';
import type { AllowedApps } from '../../domain/credential/credential.decide';
import { checkAllowedApps, checkExpiry, labelErrors } from '../../shared/credential-input';
import type { CreateCredentialDto } from './create-credential.dto';

export interface ValidCreation {
  label: string;
  environment: Environment;
  /** Whole seconds, in the future; null: never expires. */
  expiresAt: string | null;
  allowedApps: AllowedApps;
}

/**
 * The validation step of a creation, after the DTO checked the types: label, expiry (in the future
 * of `at`, the time of the request) and allowed apps, every field error at once and in that order.
 */
export function validCreation(input: CreateCredentialDto, at: string): ValidCreation {
  const errors: FieldError[] = [...labelErrors(input.label)];
  const expiresAt = checkExpiry(input.expiresAt, at, errors);
  const allowedApps = checkAllowedApps(input.allowedApps, errors);
  throwIfInvalid(errors);
  return { label: input.label, environment: input.environment, expiresAt, allowedApps };
}
