import { type ArgumentMetadata, type ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { type FieldError, isDomainError, throwIfInvalid, validationFailed } from '../errors/domain-error';
import { type Clock, SystemClock } from '../time/clock';
import { fieldRulesOf } from './field-rules.decorator';

/**
 * Whitelisting validation for every DTO: unknown fields are rejected, errors name the field. Every
 * invalid field is reported in one answer (the first check each field fails): the DTO's type checks
 * and its `@CheckFields` rules together, in the order the DTO declares its fields.
 */
export function createValidationPipe(clock: Clock = new SystemClock()): ValidationPipe {
  return new FieldValidationPipe(clock);
}

class FieldValidationPipe extends ValidationPipe {
  constructor(private readonly clock: Clock) {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      stopAtFirstError: true,
      exceptionFactory: (errors) => validationFailed(flatten(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const rules = fieldRulesOf(metadata.metatype);
    let typeErrors: FieldError[] = [];
    let transformed: unknown;
    try {
      transformed = await super.transform(value, metadata);
    } catch (error) {
      if (!isDomainError(error) || error.code !== 'VALIDATION_FAILED') throw error;
      typeErrors = error.details.errors ?? [];
    }
    const invalid = typeErrors.map((e) => e.field);
    const ruleErrors =
      rules && isPlainObject(value) ? rules(value, this.clock.now()).filter((e) => !invalid.some((field) => overlaps(field, e.field))) : [];
    throwIfInvalid(inFieldOrder([...typeErrors, ...ruleErrors], metadata.metatype));
    return transformed;
  }
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `allowedApps` and `allowedApps.clientIds` are about the same field: only the first error found is kept. */
const overlaps = (a: string, b: string) => a === b || b.startsWith(`${a}.`) || a.startsWith(`${b}.`);

/** The errors in the order the DTO declares its fields (unknown fields last). */
function inFieldOrder(errors: FieldError[], metatype: unknown): FieldError[] {
  if (errors.length < 2 || typeof metatype !== 'function') return errors;
  const order = [
    ...new Set(
      getMetadataStorage()
        .getTargetValidationMetadatas(metatype as new () => object, '', true, false)
        .map((m) => m.propertyName),
    ),
  ];
  const rank = (field: string) => {
    const index = order.indexOf(field.split('.')[0]);
    return index === -1 ? order.length : index;
  };
  return errors
    .map((error, index) => ({ error, index }))
    .sort((a, b) => rank(a.error.field) - rank(b.error.field) || a.index - b.index)
    .map(({ error }) => error);
}

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({
      field,
      message: message.includes('should not exist') ? `${field} is not a known field` : message,
    }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}
