import { CardTable } from './card-table';
import { useId, useRef, useState } from 'preact/hooks';
import { ApiError, type AllowedApp } from '../api';
import { useAction } from '../hooks';
import { ErrorAlert } from './error-alert';

interface AllowedAppsEditorProps {
  apps: AllowedApp[];
  /** Looks the client ID up (and, on a saved credential, allows it); throws an ApiError when it cannot. */
  onAdd(clientId: string): Promise<void>;
  onRemove(clientId: string): Promise<void>;
  disabled?: boolean;
}

/**
 * "Only specific apps of my choice": paste the client ID the app's developer gave you, click
 * Add app, and the app appears in the table of apps authorized to use this credential.
 */
export function AllowedAppsEditor({ apps, onAdd, onRemove, disabled }: AllowedAppsEditorProps) {
  const inputId = useId();
  const hintId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [clientId, setClientId] = useState('');
  const { busy, error, setError, run } = useAction();
  // Apps of a saved credential have a status (pending approval or active); those being picked for a new one do not.
  const withStatus = apps.some((app) => app.status !== undefined);

  const add = async () => {
    const value = clientId.trim();
    if (!value) {
      setError(
        new ApiError({
          status: 400,
          title: 'Enter a client ID',
          detail: 'Paste the client ID you received from the app’s developer, then click Add app.',
        }),
      );
      input.current?.focus();
      return;
    }
    await run(async () => {
      await onAdd(value);
      setClientId('');
    });
    input.current?.focus();
  };

  const remove = async (app: AllowedApp) => {
    await run(() => onRemove(app.clientId));
    input.current?.focus();
  };

  return (
    <div class="allowed-apps" aria-busy={busy ? 'true' : 'false'}>
      <label for={inputId}>Client ID</label>
      <p class="hint" id={hintId}>
        Ask the application developer for the client ID of their application and paste it here.
      </p>
      <div class="inline-field">
        <input
          id={inputId}
          ref={input}
          class="mono"
          value={clientId}
          aria-describedby={hintId}
          autocomplete="off"
          spellcheck={false}
          disabled={disabled}
          onInput={(e) => setClientId(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void add();
            }
          }}
        />
        <button type="button" onClick={add} disabled={disabled || busy}>
          {busy ? 'Adding app…' : 'Add app'}
        </button>
      </div>
      <ErrorAlert error={error} />
      {apps.length > 0 ? (
        <div class="table-wrap">
          <CardTable class="apps-table">
            <caption>Apps authorized to use this credential</caption>
            <thead>
              <tr>
                <th scope="col">App name</th>
                <th scope="col">Organization</th>
                <th scope="col">Client ID</th>
                {withStatus ? <th scope="col">Status</th> : null}
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {apps.map((app) => (
                <tr key={app.clientId}>
                  <th scope="row">{app.appName}</th>
                  <td>{app.organizationName}</td>
                  <td class="mono">{app.clientId}</td>
                  {withStatus ? (
                    <td>
                      {app.status === 'pending_approval' ? (
                        <span class="badge badge-pending_approval">Pending approval</span>
                      ) : (
                        <span class="badge badge-active">Active</span>
                      )}
                    </td>
                  ) : null}
                  <td class="actions">
                    <button type="button" class="small" onClick={() => remove(app)} disabled={disabled || busy} aria-label={`Remove ${app.appName}`}>
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </CardTable>
        </div>
      ) : (
        <p class="empty">No apps added yet: only the apps you add here will be able to use this credential.</p>
      )}
    </div>
  );
}
