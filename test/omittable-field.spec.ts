import { ArrayUnique, IsArray, IsIn, IsString, MaxLength } from 'class-validator';
import { createValidationPipe, type DomainError, IsOmittable } from '@latchkey/building-blocks';

/** The kernel's `@IsOmittable()`, through the console's validation pipe. */

class Body {
  @IsOmittable()
  @IsIn(['a', 'b'], { message: 'role must be a or b' })
  role?: string;

  @IsString()
  @MaxLength(3)
  @IsOmittable()
  label?: string;

  @IsOmittable()
  @IsArray()
  @ArrayUnique()
  tags?: string[];
}

async function errorsOf(body: unknown) {
  try {
    await createValidationPipe().transform(body, { type: 'body', metatype: Body });
    return null;
  } catch (error) {
    return (error as DomainError).details.errors;
  }
}

describe('IsOmittable', () => {
  it('skips every validator of an absent field', async () => {
    expect(await errorsOf({})).toBeNull();
    expect(await errorsOf({ role: 'a', label: 'abc', tags: ['x'] })).toBeNull();
  });

  it('refuses null with "<field> must not be null", whichever side of the other decorators it is written', async () => {
    expect(await errorsOf({ role: null })).toEqual([{ field: 'role', message: 'role must not be null' }]);
    expect(await errorsOf({ label: null })).toEqual([{ field: 'label', message: 'label must not be null' }]);
    expect(await errorsOf({ tags: null, role: null })).toEqual([
      { field: 'role', message: 'role must not be null' },
      { field: 'tags', message: 'tags must not be null' },
    ]);
  });

  it('runs the other validators on a value', async () => {
    expect(await errorsOf({ role: 'c' })).toEqual([{ field: 'role', message: 'role must be a or b' }]);
    expect(await errorsOf({ label: 'abcd' })).toEqual([{ field: 'label', message: 'label must be shorter than or equal to 3 characters' }]);
  });
});
