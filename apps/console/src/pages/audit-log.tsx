import { useState } from 'preact/hooks';
import { getAll, type HistoryEntry, type Member } from '../api';
import { AuditCredential, credentialIdOf } from '../components/audit-credential';
import { AUDIT_LOG, AuditFiltersForm, filterQuery, filtersOf, hasFilters, type AuditFilters } from '../components/audit-filters';
import { ErrorAlert } from '../components/error-alert';
import { EventsTable } from '../components/events-table';
import { OrganizationTabs } from '../components/organization-tabs';
import { Loading, Page } from '../components/page';
import { useCredentialLookups } from '../credential-lookups';
import { useLoad, usePagedList } from '../hooks';
import { useRouter } from '../router';

/** The organization's credential audit log, newest first, for Developer Admins; its filters live in the page's address. */
export function AuditLogPage() {
  const { search, navigate } = useRouter();
  const applied = filtersOf(search);
  const apiPath = `/audit${filterQuery(applied, 'api')}`;
  const entries = usePagedList<HistoryEntry>(apiPath);
  // Whose actions the log can be filtered by: every member, removed ones included.
  const members = useLoad((signal) => getAll<Member>('/organization/members', signal), []);
  // Only the credentials of the entries shown are looked up; the entries do not wait for them.
  const credentials = useCredentialLookups((entries.items ?? []).map(credentialIdOf).filter((id): id is string => id !== null));
  // The first row "Load more" added, for the list it was added to.
  const [loadedMoreFrom, setLoadedMoreFrom] = useState<{ path: string; index: number } | null>(null);

  const apply = (filters: AuditFilters) => {
    setLoadedMoreFrom(null);
    const query = filterQuery(filters, 'page');
    if (query === filterQuery(applied, 'page')) void entries.reload();
    else navigate(`${AUDIT_LOG}${query}`);
  };

  const loadMore = () => {
    if (entries.loadingMore) return;
    setLoadedMoreFrom({ path: apiPath, index: entries.items?.length ?? 0 });
    void entries.loadMore();
  };

  return (
    <Page title="Audit log" busy={entries.loading || entries.loadingMore || members.loading}>
      <OrganizationTabs current="audit" />
      <p class="lead">
        Everything that happened to the JWT credentials of your organization, newest first: who created, changed, revoked or deleted them, and which
        apps used them. Secrets are never recorded.
      </p>
      <AuditFiltersForm applied={applied} credentials={credentials} members={members.data} onApply={apply} />
      <ErrorAlert error={entries.error ?? members.error} />
      {entries.loading && !entries.items ? <Loading what="Loading the audit log" /> : null}
      {entries.items ? (
        <section aria-labelledby="audit-entries">
          <h2 id="audit-entries">Entries</h2>
          <p class={entries.items.length === 0 ? 'empty' : 'result-count'} role="status">
            {resultSummary(entries.items.length, entries.hasMore, hasFilters(applied))}
          </p>
          {entries.items.length > 0 ? (
            <EventsTable
              entries={entries.items}
              caption="Audit log entries, newest first"
              credential={(entry) => <AuditCredential entry={entry} lookup={credentials.get(credentialIdOf(entry) ?? '')} />}
              focusRow={loadedMoreFrom?.path === apiPath ? loadedMoreFrom.index : undefined}
            />
          ) : null}
          {entries.hasMore ? (
            <div class="button-row">
              <button type="button" onClick={loadMore} aria-disabled={entries.loadingMore ? 'true' : 'false'}>
                {entries.loadingMore ? 'Loading more…' : 'Load more'}
              </button>
            </div>
          ) : null}
        </section>
      ) : null}
    </Page>
  );
}

function resultSummary(count: number, hasMore: boolean, filtered: boolean): string {
  if (count === 0) return filtered ? 'No entries match these filters.' : 'Nothing has happened to your organization’s credentials yet.';
  if (hasMore) return `Showing the ${count} newest entries. Click Load more for older ones.`;
  return count === 1 ? 'Showing the only entry.' : `Showing all ${count} entries.`;
}
