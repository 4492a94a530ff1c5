/**
 * Typed domain errors. Libraries throw these (never HTTP exceptions); one mapping at the edge
 * (`toProblem`) turns `kind` into a status code and `code` into the problem's machine-readable code.
 */
export type DomainErrorKind =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'gone'
  | 'precondition'
  | 'unprocessable'
  | 'rate-limited'
  | 'unavailable';

export interface FieldError {
  field: string;
  message: string;
  /** For a policy violation: the rule of the organization's policy the field breaks. */
  rule?: string;
}

export interface DomainErrorDetails {
  errors?: FieldError[];
  /** For rate-limited and unavailable errors: when the caller may try again. */
  retryAfterSeconds?: number;
  /** What the client is told, when the message (which the log keeps) may name internals. */
  publicDetail?: string;
}

export class DomainError extends Error {
  override readonly name: string = 'DomainError';
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly details: DomainErrorDetails = {},
  ) {
    super(message);
  }
}

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;

/** A decision that a retry would not change: a domain error other than an unavailable dependency. */
export const isRefusal = (error: unknown): error is DomainError => isDomainError(error) && error.kind !== 'unavailable';

/** `400 VALIDATION_FAILED` carrying every field error: the one shape of an invalid request. */
export function validationFailed(errors: FieldError[]): DomainError {
  return new DomainError('validation', 'VALIDATION_FAILED', errors.length === 1 ? errors[0].message : `${errors.length} fields are invalid`, {
    errors,
  });
}

/** Throws `validationFailed(errors)` when there is any. */
export function throwIfInvalid(errors: FieldError[]): void {
  if (errors.length > 0) throw validationFailed(errors);
}
