import { CardTable } from '../components/card-table';
import { post } from '../api';
import { ErrorAlert } from '../components/error-alert';
import { Page } from '../components/page';
import { useAction } from '../hooks';
import { useMe, useSession } from '../session';

/** The "create sandbox account" action: an account of the caller's own in the sandbox environment. */
export function SandboxAccountAction({ onCreated }: { onCreated(): Promise<void> }) {
  const { busy, error, run } = useAction();
  const create = () =>
    run(async () => {
      await post('/me/sandbox-account');
      await onCreated();
    });
  return (
    <div class="sandbox-action" aria-busy={busy ? 'true' : 'false'}>
      <button type="button" onClick={create} disabled={busy}>
        {busy ? 'Creating sandbox account…' : 'Create sandbox account'}
      </button>
      <ErrorAlert error={error} />
    </div>
  );
}

export function SandboxAccountsPage() {
  const me = useMe();
  const { refreshMe } = useSession();
  const sandbox = me.accounts.sandbox;
  return (
    <Page title="Sandbox accounts">
      <p class="lead">
        The sandbox is a separate environment for building and testing apps. Nothing issued in one environment is accepted in the other: credentials,
        client IDs, tokens and user ids all belong to one environment.
      </p>
      <section aria-labelledby="login-credentials" class="card">
        <h2 id="login-credentials">Your login credentials</h2>
        <div class="table-wrap">
          <CardTable>
            <caption class="visually-hidden">Your user id in each environment</caption>
            <thead>
              <tr>
                <th scope="col">Environment</th>
                <th scope="col">Login</th>
                <th scope="col">User ID</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">Production</th>
                <td>{me.email}</td>
                <td class="mono">{me.accounts.production.userId}</td>
              </tr>
              <tr>
                <th scope="row">Sandbox</th>
                <td>{sandbox ? me.email : '—'}</td>
                <td class="mono">{sandbox ? sandbox.userId : 'No sandbox account'}</td>
              </tr>
            </tbody>
          </CardTable>
        </div>
        {sandbox ? (
          <p role="status">You have a sandbox account: you can create JWT credentials for the sandbox environment.</p>
        ) : (
          <div class="callout callout-info">
            <p>
              You do not have an account in the sandbox environment, so you cannot generate a JWT in sandbox. Create a sandbox account for yourself to
              fix this.
            </p>
            <SandboxAccountAction onCreated={refreshMe} />
          </div>
        )}
      </section>
    </Page>
  );
}
