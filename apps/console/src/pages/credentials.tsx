import { getAll, isApiError, type Credential } from '../api';
import { CredentialsTable } from '../components/credentials-table';
import { DeveloperAccessNotice } from '../components/developer-access';
import { EmptyState } from '../components/empty-state';
import { ErrorAlert } from '../components/error-alert';
import { ExpiryNotices } from '../components/expiry-notices';
import { Loading, Page } from '../components/page';
import { useLoad } from '../hooks';
import { credentialHref, Link } from '../router';

export function CredentialsPage() {
  const credentials = useLoad((signal) => getAll<Credential>('/credentials', signal), []);
  const noAccess = isApiError(credentials.error, 'DEVELOPER_ACCESS_REQUIRED');

  return (
    <Page
      title="Credentials"
      busy={credentials.loading}
      actions={
        noAccess ? null : (
          <Link href="/credentials/new" class="button primary">
            Create JWT
          </Link>
        )
      }
    >
      <p class="lead">
        A JWT credential works like a username and password for the API: an app presents it to the token endpoint and acts as you, with your
        permissions. Keep it as safe as a password, and restrict it to the apps that need it.
      </p>
      {noAccess ? (
        <DeveloperAccessNotice error={credentials.error} />
      ) : (
        <>
          <ErrorAlert error={credentials.error} />
          {credentials.loading && !credentials.data ? <Loading what="Loading your credentials" /> : null}
          {credentials.data ? <ExpiryNotices items={credentials.data} hrefFor={(c) => credentialHref(c.id)} own /> : null}
          {credentials.data ? (
            <CredentialsTable
              items={credentials.data}
              caption="Your JWT credentials"
              hrefFor={(c) => credentialHref(c.id)}
              empty={<EmptyState message="No credentials yet." action={{ label: 'Create your first JWT', href: '/credentials/new' }} />}
            />
          ) : null}
        </>
      )}
    </Page>
  );
}
