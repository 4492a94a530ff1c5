import { del, get } from '../api';
import type { ApiToken } from '../api-tokens';
import { ApiTokensTable } from '../components/api-tokens-table';
import { EmptyState } from '../components/empty-state';
import { ErrorAlert } from '../components/error-alert';
import { OrganizationTabs } from '../components/organization-tabs';
import { Loading, Page } from '../components/page';
import { useLoad } from '../hooks';

/** Every console API token of the organization's members, with its owner, for Developer Admins to revoke. */
export function OrganizationApiTokensPage() {
  const tokens = useLoad((signal) => get<{ items: ApiToken[] }>('/organization/api-tokens', signal).then((r) => r.items), []);
  const revoke = async (token: ApiToken) => {
    await del(`/organization/api-tokens/${encodeURIComponent(token.id)}`);
    await tokens.reload();
  };
  return (
    <Page title="API tokens of the organization" busy={tokens.loading}>
      <OrganizationTabs current="api-tokens" />
      <p class="lead">The API tokens your members use in scripts and pipelines. Revoking one stops it at once.</p>
      <ErrorAlert error={tokens.error} />
      {tokens.loading && !tokens.data ? <Loading what="Loading the tokens" /> : null}
      {tokens.data ? (
        tokens.data.length === 0 ? (
          <EmptyState message="No member has an API token yet." action={{ label: 'Create an API token', href: '/api-tokens' }} />
        ) : (
          <ApiTokensTable tokens={tokens.data} withOwner onRevoke={revoke} />
        )
      ) : null}
    </Page>
  );
}
