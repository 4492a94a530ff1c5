import { type Environment, type FieldError, throwIfInvalid } from '@latchkey/building-blocks';
import type { AllowedApps } from '../../domain/credential/credential.decide';
import { checkAllowedAddresses, checkAllowedApps, checkExpiry, isAllowedAppsInput, labelErrors } from '../../shared/credential-input';

/** What the validation reads of a body whose types the DTO checked. */
export interface CreationInput {
  label: string;
  environment: Environment;
  expiresAt: Parameters<typeof checkExpiry>[0];
  allowedApps: Parameters<typeof checkAllowedApps>[0];
  allowedAddresses?: Parameters<typeof checkAllowedAddresses>[0];
}

export interface ValidCreation {
  label: string;
  environment: Environment;
  /** Whole seconds, in the future; null: never expires. */
  expiresAt: string | null;
  allowedApps: AllowedApps;
  /** Canonical CIDR ranges; empty: any address. */
  allowedAddresses: string[];
}

/**
 * The validation step of a creation, after the DTO checked the types: label, expiry (in the future
 * of `at`, the time of the request) and allowed apps, every field error at once and in that order.
 */
export function validCreation(input: CreationInput, at: string): ValidCreation {
  const errors: FieldError[] = [...labelErrors(input.label)];
  const expiresAt = checkExpiry(input.expiresAt, at, errors);
  const allowedApps = checkAllowedApps(input.allowedApps, errors);
  const allowedAddresses = input.allowedAddresses === undefined ? [] : checkAllowedAddresses(input.allowedAddresses, errors);
  throwIfInvalid(errors);
  return { label: input.label, environment: input.environment, expiresAt, allowedApps, allowedAddresses };
}

/** The same rules over the body as sent (any values), for the validation pipe to answer them with the type errors. */
export function creationErrors(body: Record<string, unknown>, now: Date): FieldError[] {
  const errors: FieldError[] = [...labelErrors(body.label)];
  if (typeof body.expiresAt === 'string') checkExpiry(body.expiresAt, now.toISOString(), errors);
  if (isAllowedAppsInput(body.allowedApps)) checkAllowedApps(body.allowedApps, errors);
  if (Array.isArray(body.allowedAddresses)) checkAllowedAddresses(body.allowedAddresses, errors);
  return errors;
}
