import { GRANT_TYPES, PERMISSIONS, type AppSummary } from '../api';
import { GRANT_TYPE_LABELS } from '../format';
import { CheckboxGroup } from './checkbox-group';
import { ConfirmDialog } from './dialog';

/** The app being edited, and what the form holds for it so far. */
export interface AppDraft {
  app: AppSummary;
  name: string;
  scopes: string[];
  grantTypes: string[];
}

export const draftOf = (app: AppSummary): AppDraft => ({ app, name: app.name, scopes: [...app.scopes], grantTypes: [...app.grantTypes] });

interface EditAppDialogProps {
  draft: AppDraft | null;
  busy: boolean;
  error: unknown;
  onChange(draft: AppDraft): void;
  onSave(): void;
  onCancel(): void;
}

/** Renames an app and changes its scopes and grant types; the API's refusals show in the dialog, as on the create form. */
export function EditAppDialog({ draft, busy, error, onChange, onSave, onCancel }: EditAppDialogProps) {
  return (
    <ConfirmDialog
      open={draft !== null}
      title={draft ? `Edit ${draft.app.name}` : 'Edit app'}
      confirmLabel="Save changes"
      initialFocus="first-field"
      busy={busy}
      error={error}
      onConfirm={onSave}
      onCancel={onCancel}
    >
      {draft ? (
        <>
          <div class="field">
            <label for="edit-app-name">App name</label>
            <input
              id="edit-app-name"
              required
              maxLength={100}
              value={draft.name}
              onInput={(e) => onChange({ ...draft, name: e.currentTarget.value })}
            />
          </div>
          <CheckboxGroup
            legend="Scopes"
            hint="Narrowing the scopes applies to the next token request."
            name="edit-app-scopes"
            options={PERMISSIONS}
            value={draft.scopes}
            onChange={(scopes) => onChange({ ...draft, scopes })}
          />
          <CheckboxGroup
            legend="Grant types"
            name="edit-app-grant-types"
            options={GRANT_TYPES}
            labels={GRANT_TYPE_LABELS}
            value={draft.grantTypes}
            onChange={(grantTypes) => onChange({ ...draft, grantTypes })}
          />
        </>
      ) : null}
    </ConfirmDialog>
  );
}
