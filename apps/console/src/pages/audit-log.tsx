import { useState } from 'preact/hooks';
import type { HistoryEntry } from '../api';
import { AuditFiltersForm, filterQuery, filtersOf, hasFilters, type AuditFilters } from '../components/audit-filters';
import { ErrorAlert } from '../components/error-alert';
import { EventsTable } from '../components/events-table';
import { OrganizationTabs } from '../components/organization-tabs';
import { Loading, Page } from '../components/page';
import { loadCredentialDirectory, type KnownCredential } from '../credential-directory';
import { useLoad, usePagedList } from '../hooks';
import { credentialHref, Link, useRouter } from '../router';

const AUDIT_LOG = '/organization/audit';

/** The organization's credential audit log, newest first, for Developer Admins; its filters live in the page's address. */
export function AuditLogPage() {
  const { search, navigate } = useRouter();
  const applied = filtersOf(search);
  const apiPath = `/audit${filterQuery(applied, 'api')}`;
  const entries = usePagedList<HistoryEntry>(apiPath);
  const directory = useLoad(loadCredentialDirectory, []);
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
    <Page title="Audit log" busy={entries.loading || entries.loadingMore || directory.loading}>
      <OrganizationTabs current="audit" />
      <p class="lead">
        Everything that happened to the JWT credentials of your organization, newest first: who created, changed, revoked or deleted them, and which apps
        used them. Secrets are never recorded.
      </p>
      <AuditFiltersForm applied={applied} credentials={directory.data} onApply={apply} />
      <ErrorAlert error={entries.error ?? directory.error} />
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
              credential={(entry) => <CredentialCell entry={entry} known={directory.data} />}
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

/** The entry's credential: its label, linked to its page while it exists, and its ID (to filter by). */
function CredentialCell({ entry, known }: { entry: HistoryEntry; known?: Map<string, KnownCredential> }) {
  const id = typeof entry.data?.credentialId === 'string' ? entry.data.credentialId : null;
  if (!id) return <>—</>;
  const credential = known?.get(id);
  if (!credential) return <Link href={credentialHref(id)}>{id}</Link>;
  return (
    <>
      {credential.deleted ? (
        <>
          {credential.label} <span class="muted">(deleted)</span>
        </>
      ) : (
        <Link href={credentialHref(id, credential.ownerId)}>{credential.label}</Link>
      )}
      <span class="credential-id mono">{id}</span>
    </>
  );
}
