import { ACCESS_HINT, toProblem } from './error-alert';

/** Why a user without developer access cannot create JWT credentials, in the API's words. */
export function DeveloperAccessNotice({ error }: { error: unknown }) {
  const problem = toProblem(error);
  return (
    <section class="callout callout-warning" aria-labelledby="no-developer-access">
      <h2 id="no-developer-access">You do not have developer access</h2>
      <div role="alert">
        {problem?.detail ? <p class="alert-detail">{problem.detail}</p> : null}
        <p>{ACCESS_HINT}</p>
      </div>
    </section>
  );
}
