import { useEffect, useState } from 'preact/hooks';
import type { TargetedSubmitEvent } from 'preact';
import { ApiError, type AppLookup, type Credential } from '../api';
import { addressesOf, AllowedAddressesField, allowedAddressFields } from '../components/allowed-addresses-field';
import { AllowedAppsChoice, allowedAppsProblem } from '../components/allowed-apps-choice';
import { ErrorAlert } from '../components/error-alert';
import { ExpiryChoice, expiresAtOf, expiryOf } from '../components/expiry-choice';
import { FieldErrorsProvider, useFieldErrors } from '../components/field-errors';
import { toDateTimeInput } from '../format';

interface CredentialSettingsFormProps {
  credential: Credential;
  error: unknown;
  explanation?: string;
  onSave(changes: Record<string, unknown>): Promise<void>;
  onAddApp(app: AppLookup): Promise<void>;
  onRemoveApp(clientId: string): Promise<void>;
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The settings of a credential that is not revoked: label, expiration date, permitted apps and allowed addresses. */
export function CredentialSettingsForm({ credential, error, explanation, onSave, onAddApp, onRemoveApp }: CredentialSettingsFormProps) {
  const [label, setLabel] = useState(credential.label);
  const [expiry, setExpiry] = useState(expiryOf(credential.expiresAt));
  const [allowedType, setAllowedType] = useState(credential.allowedApps.type);
  const [addresses, setAddresses] = useState(credential.allowedAddresses.join('\n'));
  const [busy, setBusy] = useState(false);
  const [localError, setLocalError] = useState<unknown>(null);
  const fieldErrors = useFieldErrors(error, allowedAddressFields(error));
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
    const allowedAddresses = addressesOf(addresses);
    if (!sameList(allowedAddresses, credential.allowedAddresses)) changes.allowedAddresses = allowedAddresses;
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
    <form class="form card" onSubmit={submit} aria-labelledby="edit-credential" aria-busy={busy ? 'true' : 'false'} noValidate>
      <FieldErrorsProvider value={fieldErrors}>
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
        <AllowedAddressesField id="edit-allowed-addresses" value={addresses} onChange={setAddresses} />
        <ErrorAlert error={localError ?? error} explanation={localError ? undefined : explanation} />
      </FieldErrorsProvider>
      <div class="button-row">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}
