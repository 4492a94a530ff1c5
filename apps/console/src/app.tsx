import { useEffect } from 'preact/hooks';
import { AdminOnly } from './components/admin-only';
import { ErrorAlert } from './components/error-alert';
import { Loading, Page } from './components/page';
import { TopBar } from './components/top-bar';
import { AccountPage } from './pages/account';
import { ApiTokensPage } from './pages/api-tokens';
import { AppsPage } from './pages/apps';
import { AuditLogPage } from './pages/audit-log';
import { AcceptInvitationPage, LoginPage, SignupPage } from './pages/auth';
import { CreateJwtPage } from './pages/create-jwt';
import { CredentialDetailPage } from './pages/credential-detail';
import { CredentialsPage } from './pages/credentials';
import { MemberPage } from './pages/member';
import { OrganizationPage } from './pages/organization';
import { OrganizationApiTokensPage } from './pages/organization-api-tokens';
import { ResetPasswordPage } from './pages/reset-password';
import { PolicyPage } from './pages/policy';
import { CredentialRequestsPage } from './pages/credential-requests';
import { SandboxAccountsPage } from './pages/sandbox-accounts';
import { WebhookPage } from './pages/webhook';
import { WebhooksPage } from './pages/webhooks';
import { Link, matchRoute, memberHref, RouterProvider, useRouter, type Route } from './router';
import { SessionProvider, useSession } from './session';

const PUBLIC_ROUTES = new Set(['login', 'signup', 'invitation', 'reset-password']);

function Screen({ route }: { route: Route }) {
  const { params } = route;
  switch (route.name) {
    case 'login':
      return <LoginPage />;
    case 'signup':
      return <SignupPage />;
    case 'invitation':
      return <AcceptInvitationPage />;
    case 'reset-password':
      return <ResetPasswordPage />;
    case 'account':
      return <AccountPage />;
    case 'credentials':
      return <CredentialsPage />;
    case 'create-jwt':
      return <CreateJwtPage />;
    case 'credential':
      return <CredentialDetailPage credentialId={params.credentialId} back={{ href: '/credentials', label: 'Credentials' }} />;
    case 'organization':
      return (
        <AdminOnly>
          <OrganizationPage />
        </AdminOnly>
      );
    case 'audit-log':
      return (
        <AdminOnly>
          <AuditLogPage />
        </AdminOnly>
      );
    case 'organization-api-tokens':
      return (
        <AdminOnly>
          <OrganizationApiTokensPage />
        </AdminOnly>
      );
    case 'policy':
      return (
        <AdminOnly>
          <PolicyPage />
        </AdminOnly>
      );
    case 'webhooks':
      return (
        <AdminOnly>
          <WebhooksPage />
        </AdminOnly>
      );
    case 'webhook':
      return (
        <AdminOnly>
          <WebhookPage webhookId={params.webhookId} />
        </AdminOnly>
      );
    case 'credential-requests':
      return (
        <AdminOnly>
          <CredentialRequestsPage />
        </AdminOnly>
      );
    case 'member':
    case 'member-credentials':
      return (
        <AdminOnly>
          <MemberPage userId={params.userId} tab={route.name === 'member' ? 'profile' : 'credentials'} />
        </AdminOnly>
      );
    case 'member-credential':
      return (
        <CredentialDetailPage
          credentialId={params.credentialId}
          back={{ href: `${memberHref(params.userId)}/credentials`, label: 'Member’s credentials' }}
        />
      );
    case 'apps':
      return <AppsPage />;
    case 'sandbox-accounts':
      return <SandboxAccountsPage />;
    case 'api-tokens':
      return <ApiTokensPage />;
    default:
      return (
        <Page title="Page not found">
          <p>
            There is no page at this address. Go to <Link href="/apps">Apps</Link> or <Link href="/credentials">Credentials</Link>.
          </p>
        </Page>
      );
  }
}

function Shell() {
  const session = useSession();
  const { path, navigate } = useRouter();
  const route = matchRoute(path);
  const isPublic = PUBLIC_ROUTES.has(route.name);

  useEffect(() => {
    if (session.status === 'anonymous' && !isPublic) {
      const next = route.name === 'home' ? '' : `?next=${encodeURIComponent(path)}`;
      navigate(`/login${next}`, { replace: true });
    } else if (session.status === 'ready' && (route.name === 'home' || route.name === 'login' || route.name === 'signup')) {
      navigate('/apps', { replace: true });
    }
  }, [session.status, route.name, isPublic, path, navigate]);

  let content;
  if (session.status === 'loading' || (session.status === 'anonymous' && !isPublic)) {
    content = <Loading what="Opening the console" />;
  } else if (session.status === 'error' && !isPublic) {
    content = (
      <Page title="The console could not load your account">
        <ErrorAlert error={session.error} />
        <button type="button" onClick={() => void session.refreshMe()}>
          Try again
        </button>
      </Page>
    );
  } else {
    content = <Screen key={path} route={route} />;
  }

  return (
    <>
      <TopBar
        me={session.status === 'ready' ? session.me : null}
        onLogout={() => {
          void session.signOut();
        }}
      />
      <main id="main" tabIndex={-1}>
        {content}
      </main>
      <footer class="footer">
        <p>
          Latchkey · <a href="/docs">API reference</a>
        </p>
      </footer>
    </>
  );
}

export function App() {
  return (
    <RouterProvider>
      <SessionProvider>
        <Shell />
      </SessionProvider>
    </RouterProvider>
  );
}
