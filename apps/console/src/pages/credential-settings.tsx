import { useEffect, useState } from 'preact/hooks';
import type { TargetedSubmitEvent } from 'preact';
import { ApiError, type AppLookup, type Credential } from '../api';
import { AllowedAppsChoice, allowedAppsProblem } from '../components/allowed-apps-choice';
import { ErrorAlert } from '../components/error-alert';
import { ExpiryChoice, expiresAtOf, expiryOf } from '../components/expiry-choice';
import { toDateTimeInput } from '../format';

interface CredentialSettingsFormProps {
  credential: Credential;
  error: unknown;
  explanation?: string;
  onSave(changes: Record<string, unknown>): Promise<void>;
  onAddApp(app: AppLookup): Promise<void>;
  onRemoveApp(clientId: string): Promise<void>;
}

/** The settings of a credential that is not revoked: label, expiration date and permitted apps. */
export function CredentialSettingsForm({ credential, error, explanation, onSave, onAddApp, onRemoveApp }: CredentialSettingsFormProps) {
  const [label, setLabel] = useState(credential.label);
  const [expiry, setExpiry] = useState(expiryOf(credential.expiresAt));
  const [allowedType, setAllowedType] = useState(credential.allowedApps.type);
  const [busy, setBusy] = useState(false);
  const [localError, setLocalError] = useState<unknown>(null);
  const apps = credential.allowedApps.type === 'specific' ? credential.allowedApps.apps : [];

  useEffect(() => {
    // Adding an app makes the credential "specific" on the server: follow it.
    if (credential.allowedApps.type === 'specific') setAllowedType('specific');
  }, [credential.allowedApps.type]);

  const submit = async (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setLocalError(null);
    const changes: Record<string, unknown> = {};
    if (label.trim() !== credential.label) changes.label = label.trim();
    if (expiry.mode === 'never' ? credential.expiresAt !== null : expiry.mode === 'days' || toDateTimeInput(credential.expiresAt) !== expiry.dateTime)
      changes.expiresAt = expiresAtOf(expiry);
    if (allowedType === 'organization' && credential.allowedApps.type !== 'organization') changes.allowedApps = { type: 'organization' };
    const problem = allowedAppsProblem(allowedType, apps);
    if (problem) {
      setLocalError(problem);
      return;
    }
    if (Object.keys(changes).length === 0) {
      setLocalError(new ApiError({ status: 400, title: 'Nothing to save', detail: 'You have not changed anything yet.' }));
      return;
    }
    setBusy(true);
    await onSave(changes);
    setBusy(false);
  };

  return (
    <form class="form card" onSubmit={submit} aria-labelledby="edit-credential" aria-busy={busy ? 'true' : 'false'}>
      <h2 id="edit-credential">Settings</h2>
      <div class="field">
        <label for="edit-label">Label</label>
        <input id="edit-label" required maxLength={100} value={label} onInput={(e) => setLabel(e.currentTarget.value)} />
      </div>
      <ExpiryChoice name="edit-expiry" dateId="edit-expiry-date" value={expiry} onChange={setExpiry} />
      <AllowedAppsChoice
        name="edit-allowed"
        value={allowedType}
        onChange={setAllowedType}
        environment={credential.environment}
        apps={apps}
        onAdd={onAddApp}
        onRemove={onRemoveApp}
        specificHint="Apps you add or remove here take effect at once."
        organizationHint={
          credential.allowedApps.type === 'specific'
            ? 'Click Save to let every app of the owner’s organization use this credential instead of the apps listed before.'
            : undefined
        }
      />
      <ErrorAlert error={localError ?? error} explanation={localError ? undefined : explanation} />
      <div class="button-row">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}
