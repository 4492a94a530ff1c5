import { DomainError, type FieldError } from '@latchkey/building-blocks';

/** Field errors for a list that must hold distinct values of `allowed` (and maybe at least one). */
export function checkSubset(field: string, values: readonly string[], allowed: readonly string[], { nonEmpty }: { nonEmpty: boolean }): FieldError[] {
  if (!Array.isArray(values)) return [{ field, message: `${field} must be an array` }];
  if (nonEmpty && values.length === 0) return [{ field, message: `${field} must contain at least one value` }];
  const unknown = values.filter((v) => !allowed.includes(v));
  if (unknown.length > 0) return [{ field, message: `${field} must contain only ${allowed.join(', ')}` }];
  if (new Set(values).size !== values.length) return [{ field, message: `${field} must not contain duplicates` }];
  return [];
}

/** Field errors for a display name: 1 to `max` characters after trimming, no control characters. */
export function checkName(field: string, value: string, max = 100): FieldError[] {
  if (typeof value !== 'string' || value.trim().length === 0) return [{ field, message: `${field} must not be empty` }];
  if (value.trim().length > max) return [{ field, message: `${field} must be at most ${max} characters` }];
  if (/\p{Cc}/u.test(value)) return [{ field, message: `${field} must not contain control characters` }];
  return [];
}

/** Throws a 400 VALIDATION_FAILED carrying every field error, if there is any. */
export function throwIfInvalid(errors: FieldError[]): void {
  if (errors.length === 0) return;
  throw new DomainError('validation', 'VALIDATION_FAILED', errors.length === 1 ? errors[0].message : `${errors.length} fields are invalid`, {
    errors,
  });
}

/** Orders a subset of a catalog in catalog order, so equal sets compare equal. */
export function inCatalogOrder<T extends string>(values: readonly T[], catalog: readonly T[]): T[] {
  return catalog.filter((c) => values.includes(c));
}
