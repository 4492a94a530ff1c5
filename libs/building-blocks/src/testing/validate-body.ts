import { DomainError, type FieldError } from '../errors/domain-error';
import { createValidationPipe } from '../http/validation.pipe';

/** The field errors the console's validation pipe answers for `body` as a `metatype`, or null when it is valid. */
export async function bodyErrors(metatype: new () => object, body: unknown): Promise<FieldError[] | null> {
  try {
    await createValidationPipe().transform(body, { type: 'body', metatype });
    return null;
  } catch (error) {
    if (error instanceof DomainError && error.code === 'VALIDATION_FAILED') return error.details.errors ?? [];
    throw error;
  }
}
