import { ApiError, type Problem } from '../api';
import { Link } from '../router';
import { useFieldErrorsOfForm } from './field-errors';

export function toProblem(error: unknown): Problem | null {
  if (!error) return null;
  if (error instanceof ApiError) return error.problem;
  if (error instanceof Error) return { status: 0, title: 'Something went wrong', detail: error.message };
  return { status: 0, title: 'Something went wrong', detail: String(error) };
}

export const ACCESS_HINT =
  'JWT credentials can only be created by users who have a valid developer account or role. If you do not have access to the Developer Console, please reach out to your account administrator to request access.';

/**
 * The place a failed call is reported: always present, so screen readers announce whatever is put
 * in it. Shows the problem's `detail` (what went wrong, in the API's words) and any field errors,
 * each text once: a field error the detail already says (the detail of a single invalid field) is not repeated,
 * nor one the form shows beside its field (the alert then says how many there are).
 */
export function ErrorAlert({ error, explanation }: { error: unknown; explanation?: string }) {
  const form = useFieldErrorsOfForm();
  const all = toProblem(error);
  const besideFields = (all?.errors ?? []).filter((e) => form?.shown.has(e.field) && form.errorOf(e.field) !== null);
  // Once every field error shown beside its field is corrected, the alert has nothing left to say.
  const settled = all?.errors?.length && all.errors.every((e) => form?.shown.has(e.field)) && besideFields.length === 0;
  const problem = settled ? null : all;
  const title = problem?.title ?? 'Something went wrong';
  const detail = besideFields.length
    ? besideFields.length === 1
      ? 'One field needs correcting: see the message beside it.'
      : `${besideFields.length} fields need correcting: see the message beside each.`
    : problem?.detail && problem.detail !== title
      ? problem.detail
      : null;
  const fieldErrors = (problem?.errors ?? []).filter((e) => e.message !== detail && !form?.shown.has(e.field));
  return (
    <div role="alert" class={problem ? 'alert alert-error' : 'alert alert-empty'}>
      {problem ? (
        <>
          <p class="alert-title">{title}</p>
          {detail ? <p class="alert-detail">{detail}</p> : null}
          {fieldErrors.length ? (
            <ul class="alert-fields">
              {fieldErrors.map((e) => (
                <li key={`${e.field}:${e.message}`}>{e.message}</li>
              ))}
            </ul>
          ) : null}
          {explanation ? <p>{explanation}</p> : null}
          {problem.code === 'DEVELOPER_ACCESS_REQUIRED' ? <p>{ACCESS_HINT}</p> : null}
          {problem.code === 'MFA_ENROLMENT_REQUIRED' ? (
            <p>
              <Link href="/account">Turn on two-factor sign-in</Link>
            </p>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
