import { IS_DEFINED, registerDecorator, ValidateIf, type ValidationArguments, type ValidationOptions } from 'class-validator';

/**
 * A field that may be left out but is never `null`: when the field is absent (`undefined`) its
 * other validators are skipped; when it is `null` the body is refused with the field error
 * `<field> must not be null` (`400 VALIDATION_FAILED`). `@IsOptional()` lets `null` through, which
 * a handler then reads as "not given" for one field and as a value for another.
 *
 * The null check is registered under class-validator's `isDefined` validation type, which it runs
 * before every other validator of the property whatever the order of the decorators, so `null` is
 * answered as such and not as "must be a string".
 */
export function IsOmittable(validationOptions?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyKey: string | symbol) => {
    ValidateIf((_object: object, value: unknown) => value !== undefined)(target, propertyKey);
    registerDecorator({
      name: IS_DEFINED,
      target: target.constructor,
      propertyName: propertyKey as string,
      options: validationOptions,
      validator: {
        validate: (value: unknown) => value !== null,
        defaultMessage: (args?: ValidationArguments) => `${args?.property ?? String(propertyKey)} must not be null`,
      },
    });
  };
}
