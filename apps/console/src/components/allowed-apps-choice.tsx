import { ApiError, get, type AllowedApp, type AppLookup, type Environment } from '../api';
import { ENVIRONMENT_LABELS } from '../format';
import { AllowedAppsEditor } from './allowed-apps-editor';

export type AllowedAppsType = 'organization' | 'specific';

/** An app on the list; apps looked up before the environment was switched may belong to the other one. */
type ListedApp = AllowedApp & { environment?: Environment };

/** Looks up a client ID for the "Add app" button, refusing duplicates and apps of the other environment. */
async function lookUpApp(clientId: string, environment: Environment, already: AllowedApp[]): Promise<AppLookup> {
  if (already.some((app) => app.clientId === clientId)) {
    throw new ApiError({
      status: 409,
      title: 'App already added',
      detail: `The app with client ID ${clientId} is already authorized to use this credential.`,
    });
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

/** Why the choice cannot be saved as it is, or null. */
export function allowedAppsProblem(type: AllowedAppsType, apps: AllowedApp[]): ApiError | null {
  if (type !== 'specific' || apps.length > 0) return null;
  return new ApiError({
    status: 400,
    title: 'Invalid credential settings',
    detail: 'You chose "Only specific apps of my choice": add the client ID of each app permitted to use this credential.',
    errors: [{ field: 'allowedApps.clientIds', message: 'Add at least one app' }],
  });
}

interface AllowedAppsChoiceProps {
  /** The radio group's name, unique on the page. */
  name: string;
  value: AllowedAppsType;
  onChange(value: AllowedAppsType): void;
  environment: Environment;
  apps: ListedApp[];
  /** Receives an app of the credential's environment that is not on the list yet. */
  onAdd(app: AppLookup): Promise<void>;
  onRemove(clientId: string): Promise<void>;
  /** Shown above the apps editor, e.g. when changes take effect. */
  specificHint?: string;
  /** Shown when "Only apps of my organization" is chosen. */
  organizationHint?: string;
}

/** "What apps are permitted to use this credential?": every app of the organization, or a list of client IDs. */
export function AllowedAppsChoice({
  name,
  value,
  onChange,
  environment,
  apps,
  onAdd,
  onRemove,
  specificHint,
  organizationHint,
}: AllowedAppsChoiceProps) {
  const otherEnvironmentApps = apps.filter((app) => app.environment !== undefined && app.environment !== environment);
  return (
    <fieldset>
      <legend>What apps are permitted to use this credential?</legend>
      <label class="choice">
        <input type="radio" name={name} value="organization" checked={value === 'organization'} onChange={() => onChange('organization')} />
        <span>
          Only apps of my organization
          <span class="choice-hint">A single key that can be shared within the trusted confines of your company.</span>
        </span>
      </label>
      <label class="choice">
        <input type="radio" name={name} value="specific" checked={value === 'specific'} onChange={() => onChange('specific')} />
        <span>
          Only specific apps of my choice
          <span class="choice-hint">The only safe way to share a credential with someone outside your company.</span>
        </span>
      </label>
      {value === 'specific' ? (
        <div class="nested">
          {specificHint ? <p class="hint">{specificHint}</p> : null}
          <AllowedAppsEditor apps={apps} onAdd={async (clientId) => onAdd(await lookUpApp(clientId, environment, apps))} onRemove={onRemove} />
          {otherEnvironmentApps.length > 0 ? (
            <p class="callout callout-warning">
              {otherEnvironmentApps.map((app) => app.appName).join(', ')} {otherEnvironmentApps.length === 1 ? 'belongs' : 'belong'} to the other
              environment: remove {otherEnvironmentApps.length === 1 ? 'it' : 'them'} or switch the environment back.
            </p>
          ) : null}
        </div>
      ) : organizationHint ? (
        <p class="hint nested">{organizationHint}</p>
      ) : null}
    </fieldset>
  );
}
