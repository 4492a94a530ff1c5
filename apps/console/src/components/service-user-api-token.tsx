import { useState } from 'preact/hooks';
import { isApiError, post, type Member } from '../api';
import { type ApiTokenScope, type CreatedApiToken, DEFAULT_LIFETIME_DAYS, MAX_LIFETIME_DAYS, SCOPE_LABELS, scopesForRole } from '../api-tokens';
import { useAction } from '../hooks';
import { CheckboxGroup } from './checkbox-group';
import { ErrorAlert } from './error-alert';
import { SecretShownOnce } from './secret-shown-once';
import { SecretValue } from './secret-value';
import { TextField } from './text-field';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A Developer Admin mints a console API token owned by a service user, confirming with their own password; shown once, with Copy. */
export function ServiceUserApiToken({ member }: { member: Member }) {
  const allowed = scopesForRole(member.role);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiTokenScope[]>(['credentials:read']);
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
        const data = await post<CreatedApiToken>(`/organization/members/${encodeURIComponent(member.userId)}/api-tokens`, {
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
      } catch (error) {
        if (isApiError(error, 'MFA_REQUIRED')) setNeedsCode(true);
        throw error;
      }
    });
  };

  return (
    <section class="card" aria-labelledby="service-token">
      <h2 id="service-token">Create API token</h2>
      <p class="hint">A token for {member.name}’s scripts and pipelines, within its role. It is listed under Organization → API tokens.</p>
      {created ? (
        <SecretShownOnce
          title={`Token “${created.name}” created`}
          instruction="Copy the token now."
          explanation="It is shown only once: Latchkey keeps only a hash of it."
          done={{ label: 'Done', onClick: () => setCreated(null) }}
        >
          <SecretValue label="API token" value={created.token} />
        </SecretShownOnce>
      ) : null}
      <form onSubmit={submit}>
        <TextField id="service-token-name" label="Token name" value={name} onInput={setName} />
        <CheckboxGroup
          legend="Scopes"
          hint="Only the scopes the service user’s role allows are offered."
          name="service-token-scopes"
          options={allowed}
          labels={Object.fromEntries(allowed.map((s) => [s, `${s} — ${SCOPE_LABELS[s]}`]))}
          value={scopes}
          onChange={setScopes}
        />
        <div class="field">
          <label for="service-token-days">Expires in (days, at most {MAX_LIFETIME_DAYS})</label>
          <input
            id="service-token-days"
            type="number"
            min={1}
            max={MAX_LIFETIME_DAYS}
            required
            value={days}
            onInput={(e) => setDays(e.currentTarget.value)}
          />
        </div>
        <TextField
          id="service-token-password"
          label="Your password (to confirm it is you)"
          type="password"
          autocomplete="current-password"
          value={password}
          onInput={setPassword}
        />
        {needsCode ? (
          <TextField id="service-token-totp" label="Code from your authenticator app" autocomplete="one-time-code" value={totp} onInput={setTotp} />
        ) : null}
        <ErrorAlert error={creation.error} />
        <div class="button-row">
          <button type="submit" class="primary" aria-disabled={creation.busy ? 'true' : 'false'}>
            {creation.busy ? 'Creating…' : 'Create token'}
          </button>
        </div>
      </form>
    </section>
  );
}
