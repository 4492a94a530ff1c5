import { useState } from 'preact/hooks';
import { del, get, isApiError, post } from '../api';
import {
  type ApiToken,
  type ApiTokenScope,
  type CreatedApiToken,
  DEFAULT_LIFETIME_DAYS,
  MAX_LIFETIME_DAYS,
  SCOPE_LABELS,
  scopesForRole,
} from '../api-tokens';
import { ApiTokensTable } from '../components/api-tokens-table';
import { CheckboxGroup } from '../components/checkbox-group';
import { EmptyState } from '../components/empty-state';
import { ErrorAlert } from '../components/error-alert';
import { Loading, Page } from '../components/page';
import { SecretShownOnce } from '../components/secret-shown-once';
import { SecretValue } from '../components/secret-value';
import { TextField } from '../components/text-field';
import { useAction, useLoad } from '../hooks';
import { useMe } from '../session';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The caller's console API tokens, for scripts and pipelines: create one (a name, scopes within the
 * role, an expiry, and the password again — plus a code when MFA asks for one), see it once with a
 * Copy button, list and revoke.
 */
export function ApiTokensPage() {
  const me = useMe();
  const allowed = scopesForRole(me.role);
  const tokens = useLoad((signal) => get<{ items: ApiToken[] }>('/me/api-tokens', signal).then((r) => r.items), []);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiTokenScope[]>(allowed.includes('credentials:read') ? ['credentials:read'] : []);
  const [days, setDays] = useState(String(DEFAULT_LIFETIME_DAYS));
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [needsCode, setNeedsCode] = useState(false);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const creation = useAction();

  const submit = (event: Event) => {
    event.preventDefault();
    void creation.run(async () => {
      const lifetime = Math.min(MAX_LIFETIME_DAYS, Math.max(1, Math.floor(Number(days)) || DEFAULT_LIFETIME_DAYS));
      try {
        const data = await post<CreatedApiToken>('/me/api-tokens', {
          name,
          scopes,
          expiresAt: new Date(Date.now() + lifetime * DAY_MS).toISOString(),
          password,
          ...(needsCode ? { totp } : {}),
        });
        setCreated(data);
        setName('');
        setPassword('');
        setTotp('');
        await tokens.reload();
      } catch (error) {
        if (isApiError(error, 'MFA_REQUIRED')) setNeedsCode(true);
        throw error;
      }
    });
  };

  const revoke = async (token: ApiToken) => {
    await del(`/me/api-tokens/${encodeURIComponent(token.id)}`);
    await tokens.reload();
  };

  return (
    <Page title="API tokens" busy={tokens.loading || creation.busy}>
      <p class="lead">
        Scripts and pipelines call the console API with an API token instead of a password:{' '}
        <code>curl -H "Authorization: Bearer lkc_…" …/console/v1/credentials</code>. A token can do only what its scopes allow, and never more than
        your role; it stops working when it expires, when you revoke it, or when you leave the organization.
      </p>
      {created ? (
        <SecretShownOnce
          title={`Token “${created.name}” created`}
          instruction="Copy the token now."
          explanation="It is shown only once: Latchkey keeps only a hash of it. Store it as a secret of your pipeline."
          done={{ label: 'Done', onClick: () => setCreated(null) }}
        >
          <SecretValue label="API token" value={created.token} />
        </SecretShownOnce>
      ) : null}
      <section class="card" aria-labelledby="new-token">
        <h2 id="new-token">New token</h2>
        <form onSubmit={submit}>
          <TextField id="token-name" label="Name" value={name} onInput={setName} />
          <CheckboxGroup
            legend="Scopes"
            hint="Only the scopes your role allows are offered."
            name="scopes"
            options={allowed}
            labels={Object.fromEntries(allowed.map((s) => [s, `${s} — ${SCOPE_LABELS[s]}`]))}
            value={scopes}
            onChange={setScopes}
          />
          <div class="field">
            <label for="token-days">Expires in (days, at most {MAX_LIFETIME_DAYS})</label>
            <input
              id="token-days"
              type="number"
              min={1}
              max={MAX_LIFETIME_DAYS}
              required
              value={days}
              onInput={(e) => setDays(e.currentTarget.value)}
            />
          </div>
          <TextField
            id="token-password"
            label="Your password (to confirm it is you)"
            type="password"
            autocomplete="current-password"
            value={password}
            onInput={setPassword}
          />
          {needsCode ? (
            <TextField id="token-totp" label="Code from your authenticator app" autocomplete="one-time-code" value={totp} onInput={setTotp} />
          ) : null}
          <ErrorAlert error={creation.error} />
          <div class="button-row">
            <button type="submit" class="primary" aria-disabled={creation.busy ? 'true' : 'false'}>
              {creation.busy ? 'Creating…' : 'Create token'}
            </button>
          </div>
        </form>
      </section>
      <section aria-labelledby="my-tokens">
        <h2 id="my-tokens">Your tokens</h2>
        <ErrorAlert error={tokens.error} />
        {tokens.loading && !tokens.data ? <Loading what="Loading your tokens" /> : null}
        {tokens.data ? (
          tokens.data.length === 0 ? (
            <EmptyState message="You have no API tokens." action={{ label: 'Create your first token', focus: 'token-name' }} />
          ) : (
            <ApiTokensTable tokens={tokens.data} onRevoke={revoke} />
          )
        ) : null}
      </section>
    </Page>
  );
}
