import { useEffect, useState } from 'preact/hooks';
import { isApiError, post, type Role } from '../api';
import { ErrorAlert } from '../components/error-alert';
import { AuthFormPage } from '../components/auth-form';
import { Page } from '../components/page';
import { TextField } from '../components/text-field';
import { useFields, useLoad } from '../hooks';
import { roleLabel } from '../format';
import { moveInvitationTokenToFragment, tokenFromFragment } from '../invitation-link';
import { Link, useRouter } from '../router';
import { useSession } from '../session';

/** Where to go after logging in: the page the user asked for, if it is one of ours. */
function nextPath(search: URLSearchParams): string {
  const next = search.get('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/apps';
}

/** Signs in with a new session, then opens a page in place of the form. */
function useEnter() {
  const { signIn } = useSession();
  const { navigate } = useRouter();
  return async (to = '/apps') => {
    await signIn();
    navigate(to, { replace: true });
  };
}

export function LoginPage() {
  const { notice } = useSession();
  const { search } = useRouter();
  const enter = useEnter();
  const { values, field } = useFields({ email: '', password: '', totp: '' });
  /** Two-factor sign-in is on for this account: the password was right, the code is asked for. */
  const [codeNeeded, setCodeNeeded] = useState(false);

  const logIn = async () => {
    const { email, password, totp } = values;
    try {
      await post('/sessions', codeNeeded ? { email, password, totp: totp.trim() } : { email, password }, { anonymous: true });
    } catch (error) {
      if (isApiError(error, 'MFA_REQUIRED')) {
        setCodeNeeded(true);
        return;
      }
      throw error;
    }
    await enter(nextPath(search));
  };

  return (
    <AuthFormPage
      title="Log in to the Developer Console"
      intro={
        notice ? (
          <p class="notice" role="status">
            {notice}
          </p>
        ) : null
      }
      submitLabel="Log in"
      fields={['email', 'password', 'totp']}
      busyLabel="Logging in…"
      onSubmit={logIn}
      aside={
        <>
          New to Latchkey? <Link href="/signup">Sign up</Link> to create an organization. If your organization already uses Latchkey, ask your account
          administrator for an invitation.
        </>
      }
    >
      <TextField id="login-email" name="email" label="Email" type="email" autocomplete="username" {...field('email')} />
      <TextField id="login-password" name="password" label="Password" type="password" autocomplete="current-password" {...field('password')} />
      {codeNeeded ? (
        <>
          <p class="callout callout-info" role="status">
            Two-factor sign-in is on for this account. Enter the 6-digit code from your authenticator app, or one of your recovery codes.
          </p>
          <TextField id="login-totp" name="totp" label="Authentication code" autocomplete="one-time-code" {...field('totp')} />
        </>
      ) : null}
    </AuthFormPage>
  );
}

export function SignupPage() {
  const enter = useEnter();
  const { values, field } = useFields({ name: '', email: '', password: '', organizationName: '' });

  return (
    <AuthFormPage
      title="Create your developer account"
      intro={<p>You become the first member of a new organization, as its Developer Admin.</p>}
      submitLabel="Sign up"
      fields={['name', 'email', 'password', 'organizationName']}
      busyLabel="Creating account…"
      onSubmit={async () => {
        await post('/signup', values, { anonymous: true });
        await enter();
      }}
      aside={
        <>
          Already have an account? <Link href="/login">Log in</Link>
        </>
      }
    >
      <TextField id="signup-name" name="name" label="Your name" autocomplete="name" {...field('name')} />
      <TextField id="signup-email" name="email" label="Email" type="email" autocomplete="email" {...field('email')} />
      <TextField
        id="signup-password"
        name="password"
        label="Password"
        type="password"
        autocomplete="new-password"
        hint={PASSWORD_RULES}
        {...field('password')}
      />
      <TextField id="signup-org" name="organizationName" label="Organization name" autocomplete="organization" {...field('organizationName')} />
    </AuthFormPage>
  );
}

/** The invitation's token, from the fragment (after moving an old-style link's there); it follows a changed fragment. */
function useInvitationToken(): string | null {
  const [token, setToken] = useState(() => {
    moveInvitationTokenToFragment();
    return tokenFromFragment(window.location.hash);
  });
  useEffect(() => {
    const onHashChange = () => setToken(tokenFromFragment(window.location.hash));
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);
  return token;
}

/** The password policy, said before anything is typed. */
const PASSWORD_RULES =
  'At least 12 characters, mixing at least two kinds (lower-case, upper-case, digits, symbols or spaces), with at least 5 different characters, and not your e-mail address.';

interface InvitationDetails {
  organizationName: string;
  email: string;
  role: Role;
}

export function AcceptInvitationPage() {
  const enter = useEnter();
  const token = useInvitationToken();
  const { values, field } = useFields({ name: '', password: '' });
  const details = useLoad(
    () => (token ? post<InvitationDetails>('/invitations/lookup', { token }, { anonymous: true }) : Promise.resolve(null)),
    [token],
  );

  if (!token) {
    return (
      <Page title="Accept your invitation">
        <div class="auth-card">
          <p class="callout callout-info">
            This invitation link is incomplete: the code after the <code>#</code> is missing. Open the whole link you were sent, or ask the person who
            invited you for a new one.
          </p>
        </div>
      </Page>
    );
  }

  if (details.error) {
    return (
      <Page title="Accept your invitation">
        <div class="auth-card">
          <ErrorAlert error={details.error} explanation="Ask the person who invited you for a new invitation." />
        </div>
      </Page>
    );
  }
  const invitation = details.data;
  return (
    <AuthFormPage
      key={token}
      title="Accept your invitation"
      intro={
        invitation ? (
          <p class="invitation-summary">
            You have been invited to join <strong>{invitation.organizationName}</strong> as <strong>{roleLabel(invitation.role)}</strong>. Your
            account will be <strong>{invitation.email}</strong>. Choose your name and a password to create it.
          </p>
        ) : (
          <p>Reading your invitation…</p>
        )
      }
      fields={['name', 'password']}
      submitLabel="Accept invitation"
      busyLabel="Accepting…"
      onSubmit={async () => post(`/invitations/${encodeURIComponent(token)}/accept`, values, { anonymous: true }).then(() => enter())}
    >
      <TextField id="invite-name" name="name" label="Your name" autocomplete="name" {...field('name')} />
      <TextField
        id="invite-password"
        name="password"
        label="Password"
        type="password"
        autocomplete="new-password"
        hint={PASSWORD_RULES}
        {...field('password')}
      />
    </AuthFormPage>
  );
}
