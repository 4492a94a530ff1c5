import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { TargetedSubmitEvent } from 'preact';
import { ApiError, get, isApiError, post, type AllowedApp, type AppLookup, type Credential, type Environment, type ListPage } from '../api';
import { AllowedAppsEditor } from '../components/allowed-apps-editor';
import { DeveloperAccessNotice } from '../components/developer-access';
import { ErrorAlert } from '../components/error-alert';
import { Loading, Page } from '../components/page';
import { SecretValue } from '../components/secret-value';
import { ENVIRONMENT_LABELS, fromDateInput, permittedApps, tomorrowInput } from '../format';
import { useLoad } from '../hooks';
import { Link } from '../router';
import { useMe, useSession } from '../session';
import { SandboxAccountAction } from './sandbox-accounts';

type ChosenApp = AllowedApp & { environment: Environment };

/** Looks up a client ID for the "Add app" button, refusing duplicates and apps of the other environment. */
export async function lookUpApp(clientId: string, environment: Environment, already: AllowedApp[]): Promise<AppLookup> {
  if (already.some((app) => app.clientId === clientId)) {
    throw new ApiError({ status: 409, title: 'App already added', detail: `The app with client ID ${clientId} is already authorized to use this credential.` });
  }
  const app = await get<AppLookup>(`/apps/lookup?clientId=${encodeURIComponent(clientId)}`);
  if (app.environment !== environment) {
    throw new ApiError({
      status: 422,
      title: 'This app is in the other environment',
      detail: `${app.appName} (client ID ${app.clientId}) is a ${ENVIRONMENT_LABELS[app.environment].toLowerCase()} app, and this credential is for ${ENVIRONMENT_LABELS[environment].toLowerCase()}. A JWT credential works only in the environment it was created for.`,
    });
  }
  return app;
}

export function CreateJwtPage() {
  const me = useMe();
  // A user without developer access learns why from the API itself, before filling in the form.
  const access = useLoad(
    (signal) => (me.role === 'user' ? get<ListPage<Credential>>('/credentials?limit=1', signal).then(() => true) : Promise.resolve(true)),
    [me.role],
  );
  const [created, setCreated] = useState<{ credential: Credential; jwt: string } | null>(null);

  if (access.loading) {
    return (
      <Page title="Create JWT credential" busy>
        <Loading />
      </Page>
    );
  }
  if (isApiError(access.error, 'DEVELOPER_ACCESS_REQUIRED')) {
    return (
      <Page title="Create JWT credential">
        <DeveloperAccessNotice error={access.error} />
        <p>
          <Link href="/credentials">Back to credentials</Link>
        </p>
      </Page>
    );
  }
  return <Page title="Create JWT credential">{created ? <JwtCreated {...created} /> : <CreateJwtForm onCreated={setCreated} />}</Page>;
}

function CreateJwtForm({ onCreated }: { onCreated(result: { credential: Credential; jwt: string }): void }) {
  const me = useMe();
  const { refreshMe } = useSession();
  const [label, setLabel] = useState('');
  const [environment, setEnvironment] = useState<Environment>('production');
  const [expiry, setExpiry] = useState<'never' | 'date'>('never');
  const [expiryDate, setExpiryDate] = useState('');
  const [allowedType, setAllowedType] = useState<'organization' | 'specific'>('organization');
  const [apps, setApps] = useState<ChosenApp[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [sandboxCreated, setSandboxCreated] = useState(false);

  const needsSandboxAccount = environment === 'sandbox' && me.accounts.sandbox === null;
  const otherEnvironmentApps = apps.filter((app) => app.environment !== environment);

  const submit = async (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    if (allowedType === 'specific' && apps.length === 0) {
      setError(new ApiError({ status: 400, title: 'Add at least one app', detail: 'You chose "Only specific apps of my choice": add the client ID of each app permitted to use this credential.' }));
      return;
    }
    setBusy(true);
    try {
      const result = await post<{ credential: Credential; jwt: string }>('/credentials', {
        label: label.trim(),
        environment,
        expiresAt: expiry === 'date' && expiryDate ? fromDateInput(expiryDate) : null,
        allowedApps: allowedType === 'organization' ? { type: 'organization' } : { type: 'specific', clientIds: apps.map((app) => app.clientId) },
      });
      onCreated(result);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <form class="form" onSubmit={submit} aria-busy={busy ? 'true' : 'false'}>
      <p class="lead">
        JWT credentials belong to you: an app that presents this credential acts as you, with your permissions. Configure it, then click Create.
      </p>
      <div class="field">
        <label for="jwt-label">Label</label>
        <p class="hint" id="jwt-label-hint">
          A name to recognize this credential by, e.g. the app or the partner you share it with.
        </p>
        <input id="jwt-label" required maxLength={100} value={label} aria-describedby="jwt-label-hint" onInput={(e) => setLabel(e.currentTarget.value)} />
      </div>

      <fieldset>
        <legend>Environment</legend>
        <p class="hint">A JWT configured for sandbox cannot be used to authenticate in production, and vice versa.</p>
        {(['production', 'sandbox'] as const).map((env) => (
          <label class="choice" key={env}>
            <input type="radio" name="environment" value={env} checked={environment === env} onChange={() => setEnvironment(env)} />
            {ENVIRONMENT_LABELS[env]}
          </label>
        ))}
        {needsSandboxAccount ? (
          <div class="callout callout-info">
            <p>
              <strong>You do not have a sandbox account yet.</strong> JWT credentials are owned by a specific individual, so you need an account of your own
              in the sandbox environment before you can create a JWT in sandbox.
            </p>
            <SandboxAccountAction
              onCreated={async () => {
                await refreshMe();
                setSandboxCreated(true);
                document.querySelector<HTMLInputElement>('input[name="environment"][value="sandbox"]')?.focus();
              }}
            />
          </div>
        ) : null}
        {sandboxCreated && !needsSandboxAccount ? (
          <p class="notice" role="status">
            Your sandbox account was created: you can now create JWT credentials in sandbox.
          </p>
        ) : null}
      </fieldset>

      <fieldset>
        <legend>Expiration date</legend>
        <label class="choice">
          <input type="radio" name="expiry" value="never" checked={expiry === 'never'} onChange={() => setExpiry('never')} />
          Never expires
        </label>
        <label class="choice">
          <input
            type="radio"
            name="expiry"
            value="date"
            checked={expiry === 'date'}
            onChange={() => {
              setExpiry('date');
              if (!expiryDate) setExpiryDate(tomorrowInput());
            }}
          />
          Expires at the end of a date
        </label>
        {expiry === 'date' ? (
          <div class="field nested">
            <label for="jwt-expiry">Expiration date</label>
            <input id="jwt-expiry" type="date" required min={tomorrowInput()} value={expiryDate} onInput={(e) => setExpiryDate(e.currentTarget.value)} />
          </div>
        ) : null}
      </fieldset>

      <fieldset>
        <legend>What apps are permitted to use this credential?</legend>
        <label class="choice">
          <input type="radio" name="allowed-apps" value="organization" checked={allowedType === 'organization'} onChange={() => setAllowedType('organization')} />
          <span>
            Only apps of my organization
            <span class="choice-hint">A single key that can be shared within the trusted confines of your company.</span>
          </span>
        </label>
        <label class="choice">
          <input type="radio" name="allowed-apps" value="specific" checked={allowedType === 'specific'} onChange={() => setAllowedType('specific')} />
          <span>
            Only specific apps of my choice
            <span class="choice-hint">The only safe way to share a credential with someone outside your company.</span>
          </span>
        </label>
        {allowedType === 'specific' ? (
          <div class="nested">
            <AllowedAppsEditor
              apps={apps}
              onAdd={async (clientId) => {
                const app = await lookUpApp(clientId, environment, apps);
                setApps((list) => [...list, app]);
              }}
              onRemove={async (clientId) => setApps((list) => list.filter((app) => app.clientId !== clientId))}
            />
            {otherEnvironmentApps.length > 0 ? (
              <p class="callout callout-warning">
                {otherEnvironmentApps.map((app) => app.appName).join(', ')} {otherEnvironmentApps.length === 1 ? 'belongs' : 'belong'} to the other environment:
                remove {otherEnvironmentApps.length === 1 ? 'it' : 'them'} or switch the environment back.
              </p>
            ) : null}
          </div>
        ) : null}
      </fieldset>

      <ErrorAlert error={error} />
      <div class="button-row">
        <Link href="/credentials" class="button">
          Cancel
        </Link>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create'}
        </button>
      </div>
    </form>
  );
}

function JwtCreated({ credential, jwt }: { credential: Credential; jwt: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useLayoutEffect(() => heading.current?.focus(), []);
  return (
    <section aria-labelledby="jwt-created" class="created">
      <h2 id="jwt-created" tabIndex={-1} ref={heading}>
        Your JWT credential “{credential.label}” was created
      </h2>
      <div class="callout callout-warning" role="note">
        <p>
          <strong>Copy this JWT now. It will not be shown again.</strong> Store it as safely as a password. If you lose it, create a new credential and
          revoke this one.
        </p>
      </div>
      <SecretValue label="JWT credential" value={jwt} multiline />
      <dl class="facts">
        <div>
          <dt>Environment</dt>
          <dd>{ENVIRONMENT_LABELS[credential.environment]}</dd>
        </div>
        <div>
          <dt>Permitted apps</dt>
          <dd>{permittedApps(credential.allowedApps)}</dd>
        </div>
      </dl>
      <div class="button-row">
        <Link href={`/credentials/${encodeURIComponent(credential.id)}`} class="button">
          View credential
        </Link>
        <Link href="/credentials" class="button primary">
          Done
        </Link>
      </div>
    </section>
  );
}
