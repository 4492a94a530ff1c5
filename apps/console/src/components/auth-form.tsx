import type { ComponentChildren, TargetedSubmitEvent } from 'preact';
import { useAction } from '../hooks';
import { ErrorAlert } from './error-alert';
import { FieldErrorsProvider, useFieldErrors } from './field-errors';
import { Page } from './page';

interface AuthFormPageProps {
  title: string;
  /** Above the form: what the page is for, or a notice. */
  intro?: ComponentChildren;
  submitLabel: string;
  busyLabel: string;
  /** Sends the form; it signs the user in and leaves the page, or throws the error to show. */
  onSubmit(): Promise<void>;
  /** Below the form: where else to go. */
  aside?: ComponentChildren;
  /** The API names of the fields the form shows (their errors appear beside them). */
  fields: readonly string[];
  /** The form's fields. */
  children: ComponentChildren;
}

/** A page of one form that signs the user in: sign up, log in, accept an invitation. */
export function AuthFormPage({ title, intro, submitLabel, busyLabel, onSubmit, aside, fields, children }: AuthFormPageProps) {
  const { busy, error, run } = useAction();
  const fieldErrors = useFieldErrors(error, fields);

  const submit = async (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    await run(onSubmit);
  };

  return (
    <Page title={title} busy={busy}>
      <div class="auth-card">
        {intro}
        <form onSubmit={submit} noValidate>
          <FieldErrorsProvider value={fieldErrors}>
            {children}
            <ErrorAlert error={error} />
          </FieldErrorsProvider>
          <div class="button-row">
            <button type="submit" class="primary" disabled={busy}>
              {busy ? busyLabel : submitLabel}
            </button>
          </div>
        </form>
        {aside ? <p class="aside">{aside}</p> : null}
      </div>
    </Page>
  );
}
