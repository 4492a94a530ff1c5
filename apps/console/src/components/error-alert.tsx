import { ApiError, type Problem } from '../api';

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
 * each text once: a field error the detail already says (the detail of a single invalid field) is not repeated.
 */
export function ErrorAlert({ error, explanation }: { error: unknown; explanation?: string }) {
  const problem = toProblem(error);
  const title = problem?.title ?? 'Something went wrong';
  const detail = problem?.detail && problem.detail !== title ? problem.detail : null;
  const fieldErrors = (problem?.errors ?? []).filter((e) => e.message !== detail);
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
        </>
      ) : null}
    </div>
  );
}
