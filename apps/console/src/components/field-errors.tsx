import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api';

export interface FieldErrors {
  /** The message to show beside a field (its API name, e.g. `allowedApps.clientIds`), or null. */
  errorOf(field: string): string | null;
  /** Forgets a field's error once its input changes: the message described the old value. */
  clear(field: string): void;
  /** The fields a form shows beside an input (their errors are not repeated in the alert). */
  shown: ReadonlySet<string>;
}

const FieldErrorsContext = createContext<FieldErrors | null>(null);

export const useFieldErrorsOfForm = () => useContext(FieldErrorsContext);

/** `aria-describedby`'s id of a field's error. */
export const errorIdOf = (inputId: string) => `${inputId}-error`;

/**
 * The field errors of `error` (a problem's `errors[]`), for the inputs of a form to show beside
 * themselves; after each new error, the first invalid input that is on the page takes the focus.
 */
export function useFieldErrors(error: unknown, fields: readonly string[]): FieldErrors {
  const [cleared, setCleared] = useState<ReadonlySet<string>>(new Set());
  const messages = new Map<string, string>();
  if (error instanceof ApiError) for (const e of error.problem.errors ?? []) if (!messages.has(e.field)) messages.set(e.field, e.message);

  useEffect(() => {
    setCleared(new Set());
    if (!(error instanceof ApiError)) return;
    const invalid = new Set((error.problem.errors ?? []).map((e) => e.field));
    // The first in the form's order, whatever the order of the answer.
    const first = [...document.querySelectorAll<HTMLElement>('[data-field]')].find((input) => invalid.has(input.dataset.field ?? ''));
    first?.focus();
  }, [error]);

  return {
    errorOf: (field) => (cleared.has(field) ? null : (messages.get(field) ?? null)),
    clear: (field) => {
      if (messages.has(field) && !cleared.has(field)) setCleared((current) => new Set([...current, field]));
    },
    shown: new Set(fields),
  };
}

export function FieldErrorsProvider({ value, children }: { value: FieldErrors; children: ComponentChildren }) {
  return <FieldErrorsContext.Provider value={value}>{children}</FieldErrorsContext.Provider>;
}

/** A field's error, beside it; its id is what the input's `aria-describedby` names. */
export function FieldErrorText({ inputId, message }: { inputId: string; message: string | null }) {
  return message ? (
    <p class="field-error" id={errorIdOf(inputId)}>
      {message}
    </p>
  ) : null;
}

/** The ids an input's `aria-describedby` lists: its hint, and its error while there is one. */
export const describedBy = (inputId: string, message: string | null, hintId?: string) =>
  [hintId, message ? errorIdOf(inputId) : undefined].filter(Boolean).join(' ') || undefined;
