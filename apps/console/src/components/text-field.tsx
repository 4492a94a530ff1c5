import type { ComponentChildren, InputHTMLAttributes, LooseInputHTMLAttributes } from 'preact';
import { describedBy, FieldErrorText, useFieldErrorsOfForm } from './field-errors';

export interface TextFieldProps {
  id: string;
  /** The API's name of the field: its error from the answer is shown beside the input. */
  name?: string;
  label: string;
  type?: 'text' | 'email' | 'password';
  autocomplete?: string;
  required?: boolean;
  /** What the field expects, shown before anything is typed. */
  hint?: ComponentChildren;
  value: string;
  onInput(value: string): void;
}

/** A labelled text input, with its hint and its error beside it. */
export function TextField({ id, name, label, type = 'text', autocomplete, required = true, hint, value, onInput }: TextFieldProps) {
  const errors = useFieldErrorsOfForm();
  const error = name && errors ? errors.errorOf(name) : null;
  const hintId = hint ? `${id}-hint` : undefined;
  // Preact types <input> by its literal `type`; a type chosen by a prop needs the loose attributes.
  const attributes: LooseInputHTMLAttributes<HTMLInputElement> = { id, type, autocomplete, required, value };
  return (
    <div class={error ? 'field field-invalid' : 'field'}>
      <label for={id}>{label}</label>
      {hint ? (
        <p class="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <input
        {...(attributes as InputHTMLAttributes<HTMLInputElement>)}
        data-field={name}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, error, hintId)}
        onInput={(e) => {
          if (name) errors?.clear(name);
          onInput(e.currentTarget.value);
        }}
      />
      <FieldErrorText inputId={id} message={error} />
    </div>
  );
}
