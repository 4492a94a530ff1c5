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
  /** Adds an app at once; `justification` goes with an app of another organization under an approval policy. */
  onAddApp(app: AppLookup, justification?: string): Promise<void>;
  onRemoveApp(clientId: string): Promise<void>;
  /** Under the policy "Only with an admin’s approval": the owner's organization, whose apps need no justification. */
  approval?: { organizationName: string } | null;
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The settings of a credential that is not revoked: label, expiration date, permitted apps and allowed addresses. */
export function CredentialSettingsForm({ credential, error, explanation, onSave, onAddApp, onRemoveApp, approval }: CredentialSettingsFormProps) {
  const [label, setLabel] = useState(credential.label);
  const [expiry, setExpiry] = useState(expiryOf(credential.expiresAt));
  const [allowedType, setAllowedType] = useState(credential.allowedApps.type);
  const [addresses, setAddresses] = useState(credential.allowedAddresses.join('\n'));
  const [busy, setBusy] = useState(false);
  const [localError, setLocalError] = useState<unknown>(null);
  const [justification, setJustification] = useState('');
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
          onAdd={(app) =>
            onAddApp(app, approval && app.organizationName !== approval.organizationName ? justification.trim() || undefined : undefined)
          }
          onRemove={onRemoveApp}
          specificHint={
            approval
              ? 'Apps you add or remove here take effect at once, except apps of other organizations: they wait for a Developer Admin’s approval.'
              : 'Apps you add or remove here take effect at once.'
          }
          organizationHint={
            credential.allowedApps.type === 'specific'
              ? 'Click Save to let every app of the owner’s organization use this credential instead of the apps listed before.'
              : undefined
          }
        />
        {approval && allowedType === 'specific' ? (
          <div class="field">
            <label for="edit-justification">Justification for apps of other organizations</label>
            <p class="hint" id="edit-justification-hint">
              Required before you add an app of another organization: the Developer Admins who approve it read it.
            </p>
            <input
              id="edit-justification"
              maxLength={500}
              value={justification}
              aria-describedby="edit-justification-hint"
              onInput={(e) => setJustification(e.currentTarget.value)}
            />
          </div>
        ) : null}
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
