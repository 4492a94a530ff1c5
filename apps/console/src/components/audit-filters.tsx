import type { TargetedSubmitEvent } from 'preact';
import { useEffect, useId, useState } from 'preact/hooks';
import type { Member } from '../api';
import { AUDIT_TYPE_GROUPS, auditTypeLabel } from '../audit-types';
import type { CredentialLookup } from '../credential-lookups';
import { eventLabel } from '../credential-events';
import { startOfDateInput } from '../format';
import { AuditActorSelect } from './audit-actor-select';

/** The audit log's filters, as the page's address holds them: `since` is a date input value (yyyy-mm-dd). */
export interface AuditFilters {
  type: string;
  /** Who did it: a member's user ID. */
  actorId: string;
  credentialId: string;
  since: string;
}

export const NO_FILTERS: AuditFilters = { type: '', actorId: '', credentialId: '', since: '' };

export const AUDIT_LOG = '/organization/audit';

const DATE_INPUT = /^\d{4}-\d{2}-\d{2}$/;

export const filtersOf = (search: URLSearchParams): AuditFilters => ({
  type: search.get('type') ?? '',
  actorId: search.get('actorId') ?? '',
  credentialId: search.get('credentialId') ?? '',
  since: search.get('since') ?? '',
});

export const hasFilters = (filters: AuditFilters) => Boolean(filters.type || filters.actorId || filters.credentialId.trim() || filters.since);

/**
 * The query string for the page's address, or for the API, which takes `since` as an instant (the
 * start of the chosen day, where the user is). A malformed date goes to the API as it is, to be refused.
 */
export function filterQuery(filters: AuditFilters, target: 'page' | 'api'): string {
  const params = new URLSearchParams();
  if (filters.type) params.set('type', filters.type);
  if (filters.actorId) params.set('actorId', filters.actorId);
  if (filters.credentialId.trim()) params.set('credentialId', filters.credentialId.trim());
  if (filters.since) params.set('since', target === 'api' && DATE_INPUT.test(filters.since) ? startOfDateInput(filters.since) : filters.since);
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** The audit log's page, with these filters applied. */
export const auditLogHref = (filters: Partial<AuditFilters>) => `${AUDIT_LOG}${filterQuery({ ...NO_FILTERS, ...filters }, 'page')}`;

interface AuditFiltersFormProps {
  applied: AuditFilters;
  /** The credentials looked up for the entries shown so far: offered as suggestions for the credential ID. */
  credentials: ReadonlyMap<string, CredentialLookup>;
  /** The organization's members, removed ones included (undefined until they are loaded): whose actions to show. */
  members: Member[] | undefined;
  onApply(filters: AuditFilters): void;
}

export function AuditFiltersForm({ applied, credentials, members, onApply }: AuditFiltersFormProps) {
  const [filters, setFilters] = useState(applied);
  const appliedQuery = filterQuery(applied, 'page');
  const typeHint = useId();
  const suggestions = useId();
  const credentialHint = useId();
  const sinceHint = useId();

  // The address changed (filters applied, or back and forward): show what is applied.
  useEffect(() => setFilters(applied), [appliedQuery]);

  const set = (key: keyof AuditFilters) => (value: string) => setFilters((current) => ({ ...current, [key]: value }));
  const submit = (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    onApply(filters);
  };

  return (
    <form class="card filters" role="search" aria-labelledby="audit-filters" onSubmit={submit}>
      <h2 id="audit-filters">Filter entries</h2>
      <div class="field-grid">
        <div class="field">
          <label for="audit-type">Event type</label>
          <p class="hint" id={typeHint}>
            Only entries of this kind.
          </p>
          <select id="audit-type" aria-describedby={typeHint} value={filters.type} onChange={(e) => set('type')(e.currentTarget.value)}>
            <option value="">All events</option>
            {AUDIT_TYPE_GROUPS.map((group) => (
              <optgroup key={group.label} label={group.label}>
                {group.types.map(([type, label]) => (
                  <option key={type} value={type}>
                    {label}
                  </option>
                ))}
              </optgroup>
            ))}
            {/* A link with a credential event's own type (`CredentialRevoked`), which the log still accepts. */}
            {filters.type && !auditTypeLabel(filters.type) ? <option value={filters.type}>{eventLabel(filters.type)}</option> : null}
          </select>
        </div>
        <AuditActorSelect id="audit-actor" members={members} value={filters.actorId} onChange={set('actorId')} />
        <div class="field">
          <label for="audit-credential">Credential ID</label>
          <p class="hint" id={credentialHint}>
            Only the entries of this credential.
          </p>
          <input
            id="audit-credential"
            class="mono"
            list={suggestions}
            autocomplete="off"
            spellcheck={false}
            aria-describedby={credentialHint}
            value={filters.credentialId}
            onInput={(e) => set('credentialId')(e.currentTarget.value)}
          />
          <datalist id={suggestions}>
            {[...credentials].map(([id, credential]) =>
              credential.state === 'failed' ? null : (
                <option key={id} value={id}>
                  {credential.state === 'found' ? credential.label : '(deleted)'}
                </option>
              ),
            )}
          </datalist>
        </div>
        <div class="field">
          <label for="audit-since">Since</label>
          <p class="hint" id={sinceHint}>
            Entries from the start of this day on.
          </p>
          <input
            id="audit-since"
            type="date"
            aria-describedby={sinceHint}
            value={filters.since}
            onInput={(e) => set('since')(e.currentTarget.value)}
          />
        </div>
      </div>
      <div class="button-row">
        <button type="submit" class="primary">
          Apply filters
        </button>
        <button type="button" onClick={() => onApply(NO_FILTERS)}>
          Clear filters
        </button>
      </div>
    </form>
  );
}
