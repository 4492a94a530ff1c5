import { useState } from 'preact/hooks';
import { download, getAll, type Member } from '../api';
import type { AuditEntry } from '../audit-types';
import { credentialIdOf } from '../components/audit-credential';
import { AuditEntriesTable } from '../components/audit-entries-table';
import { AUDIT_LOG, AuditFiltersForm, filterQuery, filtersOf, hasFilters, type AuditFilters } from '../components/audit-filters';
import { ErrorAlert } from '../components/error-alert';
import { OrganizationTabs } from '../components/organization-tabs';
import { Loading, Page } from '../components/page';
import { useCredentialLookups } from '../credential-lookups';
import { useLoad, usePagedList } from '../hooks';
import { Link, useRouter } from '../router';

/**
 * The organization's audit log, newest first, for Developer Admins: members, apps, sign-ins and
 * credentials, with who did it and from where. Its filters live in the page's address; the log as
 * filtered downloads as NDJSON or CSV.
 */
export function AuditLogPage() {
  const { search, navigate } = useRouter();
  const applied = filtersOf(search);
  const apiPath = `/audit${filterQuery(applied, 'api')}`;
  const entries = usePagedList<AuditEntry>(apiPath);
  const [downloading, setDownloading] = useState<'ndjson' | 'csv' | null>(null);
  const [downloadError, setDownloadError] = useState<unknown>(null);
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

  const downloadAs = async (format: 'ndjson' | 'csv') => {
    if (downloading) return;
    setDownloading(format);
    setDownloadError(null);
    const filters = new URLSearchParams(filterQuery(applied, 'api'));
    filters.set('format', format);
    try {
      await download(`/audit/export?${filters.toString()}`, `audit-log.${format}`);
    } catch (error) {
      setDownloadError(error);
    } finally {
      setDownloading(null);
    }
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
        Everything administrative and security-related in your organization, newest first: invitations and members, apps, sign-ins (failed ones
        counted per minute), lockouts, and the JWT credentials — who did it, and from which address. Secrets are never recorded. The log is kept as
        long as the event log.
      </p>
      <AuditFiltersForm applied={applied} credentials={credentials} members={members.data} onApply={apply} />
      <div class="button-row">
        <button type="button" onClick={() => void downloadAs('ndjson')} aria-disabled={downloading ? 'true' : 'false'}>
          {downloading === 'ndjson' ? 'Downloading…' : 'Download NDJSON'}
        </button>
        <button type="button" onClick={() => void downloadAs('csv')} aria-disabled={downloading ? 'true' : 'false'}>
          {downloading === 'csv' ? 'Downloading…' : 'Download CSV'}
        </button>
      </div>
      <ErrorAlert error={entries.error ?? members.error ?? downloadError} />
      {entries.loading && !entries.items ? <Loading what="Loading the audit log" /> : null}
      {entries.items ? (
        <section aria-labelledby="audit-entries">
          <h2 id="audit-entries">Entries</h2>
          <p class={entries.items.length === 0 ? 'empty' : 'result-count'} role="status">
            {resultSummary(entries.items.length, entries.hasMore, hasFilters(applied))}
          </p>
          {entries.items.length === 0 ? (
            <div class="button-row">
              {hasFilters(applied) ? (
                <button type="button" class="primary" onClick={() => navigate(AUDIT_LOG)}>
                  Show all entries
                </button>
              ) : (
                <Link href="/organization" class="button primary">
                  Send an invitation
                </Link>
              )}
            </div>
          ) : null}
          {entries.items.length > 0 ? (
            <AuditEntriesTable
              entries={entries.items}
              credential={(entry) => credentials.get(credentialIdOf(entry) ?? '')}
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
  if (count === 0) return filtered ? 'No entries match these filters.' : 'Nothing has happened in your organization yet.';
  if (hasMore) return `Showing the ${count} newest entries. Click Load more for older ones.`;
  return count === 1 ? 'Showing the only entry.' : `Showing all ${count} entries.`;
}
