import { type FieldError, throwIfInvalid } from '@latchkey/building-blocks';
import type { AllowedApps } from '../../domain/credential/credential.decide';
import { checkAllowedAddresses, checkAllowedApps, checkExpiry, isAllowedAppsInput, labelErrors } from '../../shared/credential-input';

/** What the validation reads of a body whose types the DTO checked: only the fields given change. */
export interface ChangesInput {
  label?: string;
  expiresAt?: Parameters<typeof checkExpiry>[0];
  allowedApps?: Parameters<typeof checkAllowedApps>[0];
  allowedAddresses?: Parameters<typeof checkAllowedAddresses>[0];
}

export interface ValidChanges {
  label?: string;
  /** Whole seconds, in the future; null: never expires; absent: unchanged. */
  expiresAt?: string | null;
  allowedApps?: AllowedApps;
  /** Canonical CIDR ranges; empty: any address; absent: unchanged. */
  allowedAddresses?: string[];
}

/**
 * The validation step of a change, after the DTO checked the types: the fields given (label,
 * expiry in the future of `at`, allowed apps), every field error at once and in that order.
 */
export function validChanges(changes: ChangesInput, at: string): ValidChanges {
  const errors: FieldError[] = changes.label !== undefined ? labelErrors(changes.label) : [];
  const expiresAt = changes.expiresAt !== undefined ? checkExpiry(changes.expiresAt, at, errors) : undefined;
  const allowedApps = changes.allowedApps !== undefined ? checkAllowedApps(changes.allowedApps, errors) : undefined;
  const allowedAddresses = changes.allowedAddresses !== undefined ? checkAllowedAddresses(changes.allowedAddresses, errors) : undefined;
  throwIfInvalid(errors);
  return { label: changes.label, expiresAt, allowedApps, allowedAddresses };
}

/** The same rules over the body as sent (any values), for the validation pipe to answer them with the type errors. */
export function changeErrors(body: Record<string, unknown>, now: Date): FieldError[] {
  const errors: FieldError[] = body.label !== undefined ? labelErrors(body.label) : [];
  if (typeof body.expiresAt === 'string') checkExpiry(body.expiresAt, now.toISOString(), errors);
  if (isAllowedAppsInput(body.allowedApps)) checkAllowedApps(body.allowedApps, errors);
  if (Array.isArray(body.allowedAddresses)) checkAllowedAddresses(body.allowedAddresses, errors);
  return errors;
}
