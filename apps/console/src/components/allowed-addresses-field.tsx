import { ApiError } from '../api';
import { describedBy, FieldErrorText, useFieldErrorsOfForm } from './field-errors';

export const ALLOWED_ADDRESSES_FIELD = 'allowedAddresses';

/** The textarea's text as the API takes it: one address or CIDR range per line (commas work too), blanks ignored. */
export const addressesOf = (text: string): string[] =>
  text
    .split(/[\n,]/)
    .map((line) => line.trim())
    .filter((line) => line !== '');

/** The fields of an answer's errors that this field shows: `allowedAddresses` and each `allowedAddresses[i]`. */
export function allowedAddressFields(error: unknown): string[] {
  const fields = error instanceof ApiError ? (error.problem.errors ?? []).map((e) => e.field) : [];
  return [ALLOWED_ADDRESSES_FIELD, ...fields.filter((f) => f.startsWith(`${ALLOWED_ADDRESSES_FIELD}[`))];
}

interface Props {
  id: string;
  value: string;
  onChange(text: string): void;
}

/**
 * The credential's address allowlist: a textarea of IPv4 or IPv6 addresses and CIDR ranges, one per
 * line; empty allows any address. The API's errors are shown beside it, each entry's by its line.
 */
export function AllowedAddressesField({ id, value, onChange }: Props) {
  const errors = useFieldErrorsOfForm();
  const lines = addressesOf(value);
  const messages = [
    errors?.errorOf(ALLOWED_ADDRESSES_FIELD),
    // Entries are numbered as they were sent: the errors are forgotten as soon as the text changes.
    ...lines.map((line, i) => {
      const message = errors?.errorOf(`${ALLOWED_ADDRESSES_FIELD}[${i}]`);
      return message ? `Line ${i + 1} (${line}): ${message}` : null;
    }),
  ].filter((m): m is string => Boolean(m));
  const message = messages.length > 0 ? messages.join(' ') : null;
  const hintId = `${id}-hint`;
  return (
    <div class={message ? 'field field-invalid' : 'field'}>
      <label for={id}>Allowed addresses</label>
      <p class="hint" id={hintId}>
        IPv4 or IPv6 addresses or CIDR ranges, one per line (at most 50), e.g. 203.0.113.0/24 or 2001:db8::/32. The token endpoint refuses this
        credential from any other address. Leave empty to allow any address.
      </p>
      <textarea
        id={id}
        rows={4}
        spellcheck={false}
        value={value}
        data-field={ALLOWED_ADDRESSES_FIELD}
        aria-invalid={message ? 'true' : undefined}
        aria-describedby={describedBy(id, message, hintId)}
        onInput={(e) => {
          for (const field of allowedAddressFields(null)) errors?.clear(field);
          lines.forEach((_, i) => errors?.clear(`${ALLOWED_ADDRESSES_FIELD}[${i}]`));
          onChange(e.currentTarget.value);
        }}
      />
      <FieldErrorText inputId={id} message={message} />
    </div>
  );
}
