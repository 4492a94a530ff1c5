import { IsIn, IsInt, IsString, Max, MaxLength } from 'class-validator';
import { ManualClock } from '../testing/manual-clock';
import type { DomainError, FieldError } from '../errors/domain-error';
import { CheckFields } from './field-rules.decorator';
import { IsOmittable } from './optional.decorator';
import { createValidationPipe } from './validation.pipe';

/** Rules that judge values beyond their types, one of them against the clock. */
function rules(body: Record<string, unknown>, now: Date): FieldError[] {
  const errors: FieldError[] = [];
  if (typeof body.name === 'string' && body.name.trim() === '') errors.push({ field: 'name', message: 'Enter a name' });
  if (typeof body.password === 'string' && body.password.length < 12) errors.push({ field: 'password', message: 'Use at least 12 characters' });
  if (typeof body.until === 'string' && Date.parse(body.until) <= now.getTime())
    errors.push({ field: 'until', message: 'Choose a time in the future' });
  return errors;
}

@CheckFields(rules)
class Body {
  @IsString() name!: string;
  @IsString() password!: string;
  @IsIn(['a', 'b'], { message: 'Choose a or b' }) kind!: string;
  @IsInt() @Max(10, { message: 'Use at most 10' }) count!: number;
  @IsString() @MaxLength(3, { message: 'Use at most 3 characters' }) code!: string;
  @IsOmittable() @IsString() until?: string;
}

const clock = new ManualClock(Date.parse('2030-01-01T00:00:00Z'));
const valid = { name: 'Ann', password: 'long enough pass', kind: 'a', count: 1, code: 'abc' };

async function errorsOf(body: unknown, metatype: new () => object = Body): Promise<FieldError[] | null> {
  try {
    await createValidationPipe(clock).transform(body, { type: 'body', metatype });
    return null;
  } catch (error) {
    return (error as DomainError).details.errors ?? [];
  }
}

describe('the validation pipe', () => {
  it('lets a valid body through', async () => {
    expect(await errorsOf(valid)).toBeNull();
    expect(await errorsOf({ ...valid, until: '2030-01-02T00:00:00Z' })).toBeNull();
  });

  it('answers five invalid fields in one answer: type errors and rule errors together, in field order', async () => {
    const body = { name: ' ', password: 'short', kind: 'c', count: 11, code: 'abcd' };
    expect(await errorsOf(body)).toEqual([
      { field: 'name', message: 'Enter a name' },
      { field: 'password', message: 'Use at least 12 characters' },
      { field: 'kind', message: 'Choose a or b' },
      { field: 'count', message: 'Use at most 10' },
      { field: 'code', message: 'Use at most 3 characters' },
    ]);
  });

  it('runs the rules when only rules fail, and judges time by the clock it was given', async () => {
    expect(await errorsOf({ ...valid, name: '', until: '2029-12-31T23:59:59Z' })).toEqual([
      { field: 'name', message: 'Enter a name' },
      { field: 'until', message: 'Choose a time in the future' },
    ]);
  });

  it('answers a field whose type is wrong once, with its type error, and the unknown fields after the known ones', async () => {
    expect(await errorsOf({ ...valid, extra: 1, name: 5, password: 'short' })).toEqual([
      { field: 'name', message: 'name must be a string' },
      { field: 'password', message: 'Use at least 12 characters' },
      { field: 'extra', message: 'extra is not a known field' },
    ]);
  });

  it('answers a body that is not an object without running the rules', async () => {
    expect(await errorsOf([1, 2])).not.toBeNull();
  });
});
