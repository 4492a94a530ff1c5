import { useState } from 'preact/hooks';
import type { TargetedSubmitEvent } from 'preact';
import { isApiError, post, type AppLookup, type Credential, type Environment, type Member } from '../api';
import { ENVIRONMENT_LABELS } from '../format';
import { useAction } from '../hooks';
import { credentialHref, Link } from '../router';
import { AllowedAppsChoice, allowedAppsProblem, type AllowedAppsType } from './allowed-apps-choice';
import { ErrorAlert } from './error-alert';
import { defaultExpiry, ExpiryChoice, expiresAtOf, type Expiry } from './expiry-choice';
import { SecretShownOnce } from './secret-shown-once';
import { SecretValue } from './secret-value';

/** A Developer Admin creates a JWT credential owned by a service user; the JWT is shown once, with Copy. */
export function ServiceUserCredential({ member, onCreated }: { member: Member; onCreated(): void }) {
  const path = `/organization/members/${encodeURIComponent(member.userId)}`;
  const [label, setLabel] = useState('');
  const [environment, setEnvironment] = useState<Environment>('production');
  const [expiry, setExpiry] = useState<Expiry>(defaultExpiry);
  const [allowedType, setAllowedType] = useState<AllowedAppsType>('organization');
  const [apps, setApps] = useState<AppLookup[]>([]);
  const [created, setCreated] = useState<{ credential: Credential; jwt: string } | null>(null);
  const { busy, error, setError, run } = useAction();
  const sandbox = useAction();
  const [sandboxStatus, setSandboxStatus] = useState('');

  const submit = async (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problem = allowedAppsProblem(allowedType, apps);
    setError(problem);
    if (problem) return;
    await run(async () => {
      const result = await post<{ credential: Credential; jwt: string }>(`${path}/credentials`, {
        label: label.trim(),
        environment,
        expiresAt: expiresAtOf(expiry),
        allowedApps: allowedType === 'organization' ? { type: 'organization' } : { type: 'specific', clientIds: apps.map((app) => app.clientId) },
      });
      setCreated(result);
      setLabel('');
      onCreated();
    });
  };

  const createSandboxAccount = () =>
    sandbox.run(async () => {
      try {
        await post(`${path}/sandbox-account`);
        setSandboxStatus(`${member.name} now has a sandbox account.`);
      } catch (failure) {
        if (!isApiError(failure, 'SANDBOX_ACCOUNT_EXISTS')) throw failure;
        setSandboxStatus(`${member.name} already has a sandbox account.`);
      }
    });

  return (
    <section class="card" aria-labelledby="service-credential">
      <h2 id="service-credential">Create credential</h2>
      <p class="hint">The credential belongs to {member.name}: it keeps working when the people who made it leave.</p>
      {created ? (
        <SecretShownOnce
          title={`JWT credential “${created.credential.label}” created`}
          instruction="Copy this JWT now. It will not be shown again."
          explanation="Store it in the integration’s secret store. If it is lost, create a new credential and revoke this one."
          done={{ label: 'Done', onClick: () => setCreated(null) }}
          actions={
            <Link href={credentialHref(created.credential.id, member.userId)} class="button">
              View credential
            </Link>
          }
        >
          <SecretValue label="JWT credential" value={created.jwt} multiline />
        </SecretShownOnce>
      ) : null}
      <form class="form" onSubmit={submit} aria-busy={busy ? 'true' : 'false'} noValidate>
        <div class="field">
          <label for="service-credential-label">Label</label>
          <input id="service-credential-label" required maxLength={100} value={label} onInput={(e) => setLabel(e.currentTarget.value)} />
        </div>
        <fieldset>
          <legend>Environment</legend>
          {(['production', 'sandbox'] as const).map((env) => (
            <label class="choice" key={env}>
              <input
                type="radio"
                name="service-credential-environment"
                value={env}
                checked={environment === env}
                onChange={() => setEnvironment(env)}
              />
              {ENVIRONMENT_LABELS[env]}
            </label>
          ))}
          {environment === 'sandbox' ? (
            <div class="sandbox-action" aria-busy={sandbox.busy ? 'true' : 'false'}>
              <p class="hint">A sandbox credential needs the service user’s own sandbox account.</p>
              <button type="button" onClick={createSandboxAccount} disabled={sandbox.busy}>
                {sandbox.busy ? 'Creating sandbox account…' : 'Create sandbox account'}
              </button>
              <p class="notice" role="status">
                {sandboxStatus}
              </p>
              <ErrorAlert error={sandbox.error} />
            </div>
          ) : null}
        </fieldset>
        <ExpiryChoice name="service-credential-expiry" dateId="service-credential-expiry-date" value={expiry} onChange={setExpiry} />
        <AllowedAppsChoice
          name="service-credential-apps"
          value={allowedType}
          onChange={setAllowedType}
          environment={environment}
          apps={apps}
          onAdd={async (app) => setApps((list) => [...list, app])}
          onRemove={async (clientId) => setApps((list) => list.filter((app) => app.clientId !== clientId))}
        />
        <ErrorAlert error={error} />
        <div class="button-row">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create credential'}
          </button>
        </div>
      </form>
    </section>
  );
}
