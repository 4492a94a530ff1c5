import { CardTable } from '../components/card-table';
import { CopyButton } from '../components/copy-button';
import { DateTime } from '../components/date-time';
import { EmptyState } from '../components/empty-state';
import { useState } from 'preact/hooks';
import type { TargetedSubmitEvent } from 'preact';
import {
  del,
  encode,
  ENVIRONMENTS,
  GRANT_TYPES,
  getAll,
  patch,
  PERMISSIONS,
  post,
  type AppSummary,
  type ClientCredentials,
  type CreatedApp,
  type Environment,
  type Me,
} from '../api';
import { CheckboxGroup } from '../components/checkbox-group';
import { ConfirmDialog } from '../components/dialog';
import { draftOf, EditAppDialog, type AppDraft } from '../components/edit-app-dialog';
import { ErrorAlert } from '../components/error-alert';
import { Loading, Page } from '../components/page';
import { SecretShownOnce } from '../components/secret-shown-once';
import { SecretValue } from '../components/secret-value';
import { ENVIRONMENT_LABELS, GRANT_TYPE_LABELS } from '../format';
import { useAction, useLoad } from '../hooks';
import { isAdmin, isDeveloper, useMe } from '../session';

interface Rotation {
  app: AppSummary;
  environment: Environment;
}

/** Who may edit, delete and rotate the secrets of an app: its creator and Developer Admins (still developers). */
const canManage = (me: Me, app: AppSummary) => isDeveloper(me) && (isAdmin(me) || app.createdBy === me.id);

export function AppsPage() {
  const me = useMe();
  const apps = useLoad((signal) => getAll<AppSummary>('/apps', signal), []);
  const [created, setCreated] = useState<CreatedApp | null>(null);
  const [rotation, setRotation] = useState<Rotation | null>(null);
  const rotating = useAction();
  const [rotated, setRotated] = useState<(ClientCredentials & { appId: string; appName: string; environment: Environment }) | null>(null);
  const [draft, setDraft] = useState<AppDraft | null>(null);
  const saving = useAction();
  const [deleting, setDeleting] = useState<AppSummary | null>(null);
  const deletion = useAction();
  const [status, setStatus] = useState('');

  const rotate = async () => {
    if (!rotation) return;
    await rotating.run(async () => {
      const result = await post<ClientCredentials>(`/apps/${encodeURIComponent(rotation.app.id)}/clients/${rotation.environment}/secret`);
      setRotated({ ...result, appId: rotation.app.id, appName: rotation.app.name, environment: rotation.environment });
      setRotation(null);
    });
  };

  const save = () =>
    saving.run(async () => {
      if (!draft) return;
      const { data } = await patch<AppSummary>(`/apps/${encode(draft.app.id)}`, {
        name: draft.name.trim(),
        scopes: draft.scopes,
        grantTypes: draft.grantTypes,
      });
      await apps.reload();
      setStatus(`Your changes to ${data.name} were saved.`);
      setDraft(null);
    });

  const remove = () =>
    deletion.run(async () => {
      if (!deleting) return;
      await del(`/apps/${encode(deleting.id)}`);
      if (created?.id === deleting.id) setCreated(null);
      if (rotated?.appId === deleting.id) setRotated(null);
      await apps.reload();
      setStatus(`The app ${deleting.name} was deleted. Its clients can no longer authenticate.`);
      setDeleting(null);
    });

  const manageable = apps.data?.some((app) => canManage(me, app)) ?? false;

  return (
    <Page title="Apps" busy={apps.loading}>
      <p class="lead">
        An app presents a JWT credential, with its own client ID and secret, to the token endpoint and gets an access token. Give the client ID of an
        app to people who want to restrict their JWT credentials to it; keep its client secret to yourself.
      </p>
      {rotated ? (
        <SecretShownOnce
          key={rotated.clientSecret}
          title={`New client secret for ${rotated.appName} (${ENVIRONMENT_LABELS[rotated.environment]})`}
          instruction="Copy this secret now. It will not be shown again."
          explanation="The old secret has stopped working."
          done={{ label: 'I have copied it', onClick: () => setRotated(null) }}
        >
          <SecretValue label={`Client secret (${ENVIRONMENT_LABELS[rotated.environment]})`} value={rotated.clientSecret} />
        </SecretShownOnce>
      ) : null}
      {created ? <CreatedAppSecrets key={created.id} app={created} onDone={() => setCreated(null)} /> : null}

      <section class="card" aria-labelledby="apps-heading">
        <h2 id="apps-heading">Your organization’s apps</h2>
        <ErrorAlert error={apps.error} />
        <p class="notice" role="status">
          {status}
        </p>
        {apps.loading && !apps.data ? <Loading what="Loading the apps" /> : null}
        {apps.data && apps.data.length === 0 ? (
          <EmptyState message="No apps yet." action={isDeveloper(me) ? { label: 'Create your first app', focus: 'app-name' } : undefined} />
        ) : null}
        {apps.data && apps.data.length > 0 ? (
          <div class="table-wrap">
            <CardTable>
              <caption class="visually-hidden">Apps of your organization, with their client IDs</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Scopes</th>
                  <th scope="col">Grant types</th>
                  <th scope="col">Client IDs</th>
                  <th scope="col">Created</th>
                  {manageable ? (
                    <th scope="col">
                      <span class="visually-hidden">Actions</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {apps.data.map((app) => (
                  <tr key={app.id}>
                    <th scope="row">{app.name}</th>
                    <td>{app.scopes.join(', ')}</td>
                    <td>{app.grantTypes.map((g) => GRANT_TYPE_LABELS[g] ?? g).join(', ')}</td>
                    <td>
                      <ul class="clients">
                        {ENVIRONMENTS.filter((env) => app.clients[env]).map((env) => (
                          <li key={env}>
                            <span class="client-env">{ENVIRONMENT_LABELS[env]}</span> <code class="client-id">{app.clients[env]?.clientId}</code>{' '}
                            <CopyButton value={app.clients[env]!.clientId} label={`Copy client ID of ${app.name} (${ENVIRONMENT_LABELS[env]})`} />
                            {canManage(me, app) ? (
                              <button
                                type="button"
                                class="small"
                                aria-label={`Rotate secret of ${app.name} (${ENVIRONMENT_LABELS[env]})`}
                                onClick={() => {
                                  rotating.setError(null);
                                  setRotation({ app, environment: env });
                                }}
                              >
                                Rotate secret
                              </button>
                            ) : null}
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td>
                      <DateTime value={app.createdAt} />
                    </td>
                    {manageable ? (
                      <td>
                        {canManage(me, app) ? (
                          <div class="row-actions">
                            <button
                              type="button"
                              class="small"
                              aria-label={`Edit ${app.name}`}
                              onClick={() => {
                                saving.setError(null);
                                setStatus('');
                                setDraft(draftOf(app));
                              }}
                            >
                              Edit
                            </button>
                            <button
                              type="button"
                              class="small danger-outline"
                              aria-label={`Delete ${app.name}`}
                              onClick={() => {
                                deletion.setError(null);
                                setStatus('');
                                setDeleting(app);
                              }}
                            >
                              Delete
                            </button>
                          </div>
                        ) : null}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </CardTable>
          </div>
        ) : null}
      </section>

      {isDeveloper(me) ? (
        <CreateApp
          onCreated={(app) => {
            setCreated(app);
            void apps.reload();
          }}
        />
      ) : (
        <p class="callout callout-info">Creating apps needs developer access. Ask your account administrator if you need it.</p>
      )}

      <EditAppDialog draft={draft} busy={saving.busy} error={saving.error} onChange={setDraft} onSave={save} onCancel={() => setDraft(null)} />

      <ConfirmDialog
        open={deleting !== null}
        title="Delete this app?"
        confirmLabel="Delete app"
        danger
        busy={deletion.busy}
        error={deletion.error}
        onConfirm={remove}
        onCancel={() => setDeleting(null)}
      >
        <p>
          {deleting?.name} and its client IDs are deleted. <strong>Its clients stop authenticating at once</strong>: the token endpoint refuses their
          client ID and secret from now on. This cannot be undone.
        </p>
      </ConfirmDialog>

      <ConfirmDialog
        open={rotation !== null}
        title="Rotate the client secret?"
        confirmLabel="Rotate secret"
        danger
        busy={rotating.busy}
        error={rotating.error}
        onConfirm={rotate}
        onCancel={() => setRotation(null)}
      >
        <p>
          A new secret is created for {rotation?.app.name} in {rotation ? ENVIRONMENT_LABELS[rotation.environment].toLowerCase() : ''}, and the
          current one stops working immediately: update every deployment of the app.
        </p>
      </ConfirmDialog>
    </Page>
  );
}

function CreatedAppSecrets({ app, onDone }: { app: CreatedApp; onDone(): void }) {
  return (
    <SecretShownOnce
      title={`App “${app.name}” created`}
      instruction="Copy the client secrets now. They will not be shown again."
      explanation="Only a hash of each secret is kept; if you lose one, rotate it."
      done={{ label: 'I have copied them', onClick: onDone }}
    >
      {ENVIRONMENTS.filter((env) => app.clients[env]).map((env) => (
        <div key={env} class="client-secrets">
          <h3>{ENVIRONMENT_LABELS[env]}</h3>
          <SecretValue label={`Client ID (${ENVIRONMENT_LABELS[env]})`} value={app.clients[env]!.clientId} />
          <SecretValue label={`Client secret (${ENVIRONMENT_LABELS[env]})`} value={app.clients[env]!.clientSecret} />
        </div>
      ))}
    </SecretShownOnce>
  );
}

function CreateApp({ onCreated }: { onCreated(app: CreatedApp): void }) {
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>(['ReadAccounts']);
  const [grantTypes, setGrantTypes] = useState<string[]>(['jwt_bearer', 'refresh_token']);
  const [environments, setEnvironments] = useState<Environment[]>(['sandbox', 'production']);
  const { busy, error, run } = useAction();

  const submit = async (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    await run(async () => {
      const app = await post<CreatedApp>('/apps', { name: name.trim(), scopes, grantTypes, environments });
      setName('');
      onCreated(app);
    });
  };

  return (
    <section class="card" aria-labelledby="create-app-heading">
      <h2 id="create-app-heading">Create an app</h2>
      <form class="form" onSubmit={submit} aria-busy={busy ? 'true' : 'false'}>
        <div class="field">
          <label for="app-name">App name</label>
          <input id="app-name" required maxLength={100} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </div>
        <div class="field-grid">
          <CheckboxGroup legend="Scopes" name="app-scopes" options={PERMISSIONS} value={scopes} onChange={setScopes} />
          <CheckboxGroup
            legend="Grant types"
            name="app-grant-types"
            options={GRANT_TYPES}
            labels={GRANT_TYPE_LABELS}
            value={grantTypes}
            onChange={setGrantTypes}
          />
          <CheckboxGroup
            legend="Environments"
            name="app-environments"
            options={ENVIRONMENTS}
            labels={ENVIRONMENT_LABELS}
            value={environments}
            onChange={setEnvironments}
          />
        </div>
        <ErrorAlert error={error} />
        <div class="button-row">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? 'Creating app…' : 'Create app'}
          </button>
        </div>
      </form>
    </section>
  );
}
