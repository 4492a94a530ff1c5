import type { InputHTMLAttributes, LooseInputHTMLAttributes } from 'preact';

export interface TextFieldProps {
  id: string;
  label: string;
  type?: 'text' | 'email' | 'password';
  autocomplete?: string;
  required?: boolean;
  value: string;
  onInput(value: string): void;
}

/** A labelled text input. */
export function TextField({ id, label, type = 'text', autocomplete, required = true, value, onInput }: TextFieldProps) {
  // Preact types <input> by its literal `type`; a type chosen by a prop needs the loose attributes.
  const attributes: LooseInputHTMLAttributes<HTMLInputElement> = { id, type, autocomplete, required, value };
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input {...(attributes as InputHTMLAttributes<HTMLInputElement>)} onInput={(e) => onInput(e.currentTarget.value)} />
    </div>
  );
}
