import { fromDateInput, toDateInput, tomorrowInput } from '../format';

/** A credential's expiration as the form holds it: `date` is a date input value (yyyy-mm-dd). */
export interface Expiry {
  mode: 'never' | 'date';
  date: string;
}

export const expiryOf = (expiresAt: string | null): Expiry => ({ mode: expiresAt ? 'date' : 'never', date: toDateInput(expiresAt) });

export const expiresAtOf = (expiry: Expiry): string | null => (expiry.mode === 'date' && expiry.date ? fromDateInput(expiry.date) : null);

interface ExpiryChoiceProps {
  /** The radio group's name, unique on the page. */
  name: string;
  dateId: string;
  value: Expiry;
  onChange(value: Expiry): void;
  /** The earliest date to offer (a new credential cannot expire today or earlier). */
  min?: string;
}

/** "Expiration date": never, or at the end of a chosen day. */
export function ExpiryChoice({ name, dateId, value, onChange, min }: ExpiryChoiceProps) {
  return (
    <fieldset>
      <legend>Expiration date</legend>
      <label class="choice">
        <input type="radio" name={name} value="never" checked={value.mode === 'never'} onChange={() => onChange({ ...value, mode: 'never' })} />
        Never expires
      </label>
      <label class="choice">
        <input
          type="radio"
          name={name}
          value="date"
          checked={value.mode === 'date'}
          onChange={() => onChange({ mode: 'date', date: value.date || tomorrowInput() })}
        />
        Expires at the end of a date
      </label>
      {value.mode === 'date' ? (
        <div class="field nested">
          <label for={dateId}>Expiration date</label>
          <input
            id={dateId}
            type="date"
            required
            min={min}
            value={value.date}
            onInput={(e) => onChange({ mode: 'date', date: e.currentTarget.value })}
          />
        </div>
      ) : null}
    </fieldset>
  );
}
