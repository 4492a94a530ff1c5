import type { FieldError } from '../errors/domain-error';

/**
 * The checks of a body beyond its types (text rules, an expiry in the future, a union of fields),
 * given the raw body as the client sent it and the time of the request. They must accept any value
 * in any field: the validation pipe runs them whether or not the type checks passed, and drops
 * their errors for fields whose type is already wrong, so one answer names every invalid field.
 */
export type FieldRules = (body: Record<string, unknown>, now: Date) => FieldError[];

const FIELD_RULES = Symbol('latchkey:field-rules');

/** Declares the `FieldRules` of a DTO, which the validation pipe runs with its type checks. */
export function CheckFields(rules: FieldRules): ClassDecorator {
  return (target) => {
    Reflect.defineMetadata(FIELD_RULES, rules, target);
  };
}

export function fieldRulesOf(metatype: unknown): FieldRules | undefined {
  return typeof metatype === 'function' ? (Reflect.getMetadata(FIELD_RULES, metatype) as FieldRules | undefined) : undefined;
}
