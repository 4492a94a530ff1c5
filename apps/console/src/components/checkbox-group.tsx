interface CheckboxGroupProps<T extends string> {
  legend: string;
  hint?: string;
  /** The checkboxes' name, unique on the page. */
  name: string;
  options: readonly T[];
  labels?: Record<string, string>;
  value: T[];
  onChange(next: T[]): void;
}

/** A fieldset of checkboxes choosing any number of options (scopes, grant types, permissions…). */
export function CheckboxGroup<T extends string>({ legend, hint, name, options, labels, value, onChange }: CheckboxGroupProps<T>) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {hint ? <p class="hint">{hint}</p> : null}
      {options.map((option) => (
        <label class="choice" key={option}>
          <input
            type="checkbox"
            name={name}
            value={option}
            checked={value.includes(option)}
            onChange={(e) => onChange(e.currentTarget.checked ? [...value, option] : value.filter((v) => v !== option))}
          />
          {labels?.[option] ?? option}
        </label>
      ))}
    </fieldset>
  );
}
