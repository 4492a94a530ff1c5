import { useState } from 'preact/hooks';
import type { TargetedSubmitEvent } from 'preact';
import { get, isApiError, post, type AppLookup, type Credential, type Environment, type ListPage, type Policy } from '../api';
import { addressesOf, AllowedAddressesField, allowedAddressFields } from '../components/allowed-addresses-field';
import { AllowedAppsChoice, allowedAppsProblem, type AllowedAppsType } from '../components/allowed-apps-choice';
import { DeveloperAccessNotice } from '../components/developer-access';
import { ErrorAlert } from '../components/error-alert';
import { defaultExpiry, ExpiryChoice, expiresAtOf, type Expiry } from '../components/expiry-choice';
import { describedBy, FieldErrorsProvider, FieldErrorText, useFieldErrors } from '../components/field-errors';
import { Loading, Page } from '../components/page';
import { SecretShownOnce } from '../components/secret-shown-once';
import { SecretValue } from '../components/secret-value';
import { ENVIRONMENT_LABELS, permittedApps } from '../format';
import { useAction, useLoad } from '../hooks';
import { credentialHref, Link } from '../router';
import { isAdmin, useMe, useSession } from '../session';
import { SandboxAccountAction } from './sandbox-accounts';

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
  const [expiry, setExpiry] = useState<Expiry>(defaultExpiry);
  const [allowedType, setAllowedType] = useState<AllowedAppsType>('organization');
  const [apps, setApps] = useState<AppLookup[]>([]);
  const [justification, setJustification] = useState('');
  const [addresses, setAddresses] = useState('');
  const { busy, error, setError, run } = useAction();
  const fieldErrors = useFieldErrors(error, [
    'label',
    'environment',
    'expiresAt',
    'allowedApps',
    'allowedApps.clientIds',
    'justification',
    ...allowedAddressFields(error),
  ]);
  const justificationError = fieldErrors.errorOf('justification');
  // Under "Only with an admin’s approval", apps of other organizations need a justification (and wait for an admin, unless you are one).
  const policy = useLoad((signal) => get<Policy>('/organization/policy', signal).catch(() => null), []);
  const organization = useLoad((signal) => get<{ id: string; name: string }>('/organization', signal).catch(() => null), []);
  const thirdPartyApps =
    allowedType === 'specific' && organization.data ? apps.filter((app) => app.organizationName !== organization.data!.name) : [];
  const asksJustification = policy.data?.thirdPartyApps === 'approval' && (thirdPartyApps.length > 0 || justificationError !== null);
  const labelError = fieldErrors.errorOf('label');
  const appsError = fieldErrors.errorOf('allowedApps.clientIds') ?? fieldErrors.errorOf('allowedApps');
  const [sandboxCreated, setSandboxCreated] = useState(false);

  const needsSandboxAccount = environment === 'sandbox' && me.accounts.sandbox === null;

  const submit = async (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problem = allowedAppsProblem(allowedType, apps);
    setError(problem);
    if (problem) return;
    await run(async () => {
      const result = await post<{ credential: Credential; jwt: string }>('/credentials', {
        label: label.trim(),
        environment,
        expiresAt: expiresAtOf(expiry),
        allowedApps: allowedType === 'organization' ? { type: 'organization' } : { type: 'specific', clientIds: apps.map((app) => app.clientId) },
        ...(asksJustification && justification.trim() ? { justification: justification.trim() } : {}),
        allowedAddresses: addressesOf(addresses),
      });
      onCreated(result);
    });
  };

  return (
    <form class="form" onSubmit={submit} aria-busy={busy ? 'true' : 'false'} noValidate>
      <FieldErrorsProvider value={fieldErrors}>
        <p class="lead">
          JWT credentials belong to you: an app that presents this credential acts as you, with your permissions. Configure it, then click Create.
        </p>
        <div class={labelError ? 'field field-invalid' : 'field'}>
          <label for="jwt-label">Label</label>
          <p class="hint" id="jwt-label-hint">
            A name to recognize this credential by, e.g. the app or the partner you share it with.
          </p>
          <input
            id="jwt-label"
            required
            maxLength={100}
            value={label}
            data-field="label"
            aria-invalid={labelError ? 'true' : undefined}
            aria-describedby={describedBy('jwt-label', labelError, 'jwt-label-hint')}
            onInput={(e) => {
              fieldErrors.clear('label');
              setLabel(e.currentTarget.value);
            }}
          />
          <FieldErrorText inputId="jwt-label" message={labelError} />
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
                <strong>You do not have a sandbox account yet.</strong> JWT credentials are owned by a specific individual, so you need an account of
                your own in the sandbox environment before you can create a JWT in sandbox.
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

        <ExpiryChoice name="expiry" dateId="jwt-expiry" value={expiry} onChange={setExpiry} />
        <AllowedAppsChoice
          name="allowed-apps"
          value={allowedType}
          onChange={setAllowedType}
          environment={environment}
          apps={apps}
          onAdd={async (app) => {
            fieldErrors.clear('allowedApps.clientIds');
            fieldErrors.clear('allowedApps');
            setApps((list) => [...list, app]);
          }}
          onRemove={async (clientId) => setApps((list) => list.filter((app) => app.clientId !== clientId))}
        />
        <FieldErrorText inputId="allowed-apps" message={appsError} />
        {asksJustification ? (
          <div class={justificationError ? 'field field-invalid' : 'field'}>
            <label for="jwt-justification">Justification</label>
            <p class="hint" id="jwt-justification-hint">
              Your organization’s policy needs a Developer Admin’s approval for apps of other organizations (
              {thirdPartyApps.map((app) => app.appName).join(', ') || 'the apps you added'}).{' '}
              {isAdmin(me)
                ? 'As a Developer Admin, your request is approved at once.'
                : 'They cannot use the credential until an admin approves them.'}{' '}
              Say why this credential needs them.
            </p>
            <input
              id="jwt-justification"
              required
              maxLength={500}
              value={justification}
              data-field="justification"
              aria-invalid={justificationError ? 'true' : undefined}
              aria-describedby={describedBy('jwt-justification', justificationError, 'jwt-justification-hint')}
              onInput={(e) => {
                fieldErrors.clear('justification');
                setJustification(e.currentTarget.value);
              }}
            />
            <FieldErrorText inputId="jwt-justification" message={justificationError} />
          </div>
        ) : null}
        <AllowedAddressesField id="jwt-allowed-addresses" value={addresses} onChange={setAddresses} />

        <ErrorAlert error={error} />
      </FieldErrorsProvider>
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
  return (
    <SecretShownOnce
      card={false}
      title={`Your JWT credential “${credential.label}” was created`}
      instruction="Copy this JWT now. It will not be shown again."
      explanation="Store it as safely as a password. If you lose it, create a new credential and revoke this one."
      actions={
        <>
          <Link href={credentialHref(credential.id)} class="button">
            View credential
          </Link>
          <Link href="/credentials" class="button primary">
            Done
          </Link>
        </>
      }
    >
      <SecretValue label="JWT credential" value={jwt} multiline />
      {credential.status === 'pending_approval' ? (
        <p class="callout callout-info" role="status">
          <strong>Pending approval.</strong> A Developer Admin of your organization must approve its apps of other organizations before they can use
          it. Keep the JWT: it works as soon as they do.
        </p>
      ) : null}
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
    </SecretShownOnce>
  );
}
