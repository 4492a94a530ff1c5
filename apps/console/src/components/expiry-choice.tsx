import { daysFromNow, formatDateTime, fromDateTimeInput, toDateTimeInput } from '../format';
import { describedBy, FieldErrorText, useFieldErrorsOfForm } from './field-errors';

/** The expiry a new credential gets unless the user chooses another. */
export const DEFAULT_EXPIRY_DAYS = 90;

/**
 * A credential's expiration as the form holds it: never, in a number of days from now, or at a
 * chosen local date and time (`dateTime`, a datetime-local input value).
 */
export interface Expiry {
  mode: 'never' | 'days' | 'date';
  days: string;
  dateTime: string;
}

export const defaultExpiry = (): Expiry => ({ mode: 'days', days: String(DEFAULT_EXPIRY_DAYS), dateTime: '' });

export const expiryOf = (expiresAt: string | null): Expiry => ({
  mode: expiresAt ? 'date' : 'never',
  days: String(DEFAULT_EXPIRY_DAYS),
  dateTime: toDateTimeInput(expiresAt),
});

export function expiresAtOf(expiry: Expiry): string | null {
  if (expiry.mode === 'never') return null;
  if (expiry.mode === 'days') return daysFromNow(Number(expiry.days));
  // An unreadable date is sent as typed, for the API to name it beside the field.
  return expiry.dateTime ? fromDateTimeInput(expiry.dateTime) : '';
}

interface ExpiryChoiceProps {
  /** The radio group's name, unique on the page. */
  name: string;
  dateId: string;
  value: Expiry;
  onChange(value: Expiry): void;
}

/** "Expiration": in N days (90 by default), at a date and time, or never (with a warning). */
export function ExpiryChoice({ name, dateId, value, onChange }: ExpiryChoiceProps) {
  const errors = useFieldErrorsOfForm();
  const error = errors?.errorOf('expiresAt') ?? null;
  const change = (next: Expiry) => {
    errors?.clear('expiresAt');
    onChange(next);
  };
  const daysId = `${dateId}-days`;
  const inDays = value.mode === 'days' && Number(value.days) > 0 ? daysFromNow(Number(value.days)) : null;
  return (
    <fieldset class={error ? 'field-invalid' : undefined}>
      <legend>Expiration</legend>
      <label class="choice">
        <input type="radio" name={name} value="days" checked={value.mode === 'days'} onChange={() => change({ ...value, mode: 'days' })} />
        In a number of days
      </label>
      {value.mode === 'days' ? (
        <div class="field nested">
          <label for={daysId}>Days from now</label>
          <input
            id={daysId}
            type="number"
            min={1}
            max={3650}
            required
            data-field="expiresAt"
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={describedBy(daysId, error, `${daysId}-hint`)}
            value={value.days}
            onInput={(e) => change({ ...value, days: e.currentTarget.value })}
          />
          <p class="hint" id={`${daysId}-hint`}>
            {inDays ? `Expires ${formatDateTime(inDays)}.` : 'Enter a number of days.'}
          </p>
          <FieldErrorText inputId={daysId} message={error} />
        </div>
      ) : null}
      <label class="choice">
        <input type="radio" name={name} value="date" checked={value.mode === 'date'} onChange={() => change({ ...value, mode: 'date' })} />
        At a date and time
      </label>
      {value.mode === 'date' ? (
        <div class="field nested">
          <label for={dateId}>Expires at (your time)</label>
          <input
            id={dateId}
            type="datetime-local"
            required
            data-field="expiresAt"
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={describedBy(dateId, error)}
            value={value.dateTime}
            onInput={(e) => change({ ...value, dateTime: e.currentTarget.value })}
          />
          <FieldErrorText inputId={dateId} message={error} />
        </div>
      ) : null}
      <label class="choice">
        <input type="radio" name={name} value="never" checked={value.mode === 'never'} onChange={() => change({ ...value, mode: 'never' })} />
        Never expires
      </label>
      {value.mode === 'never' ? (
        <p class="callout callout-warning" role="status">
          A credential that never expires works until someone revokes it, even if it leaks or is forgotten. Choose an expiry unless the app that uses
          it cannot be given a new credential.
        </p>
      ) : null}
      {value.mode === 'never' ? <FieldErrorText inputId={`${dateId}-never`} message={error} /> : null}
    </fieldset>
  );
}
