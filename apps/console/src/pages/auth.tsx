import { useState } from 'preact/hooks';
import type { TargetedEvent, TargetedSubmitEvent } from 'preact';
import { post, type SessionInfo } from '../api';
import { ErrorAlert } from '../components/error-alert';
import { Page } from '../components/page';
import { Link, useRouter } from '../router';
import { useSession } from '../session';

type Submit = TargetedSubmitEvent<HTMLFormElement>;

function useSubmit(action: () => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: Submit) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return { busy, error, submit };
}

/** Where to go after logging in: the page the user asked for, if it is one of ours. */
function nextPath(search: URLSearchParams): string {
  const next = search.get('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/apps';
}

export function LoginPage() {
  const { signIn, notice } = useSession();
  const { search, navigate } = useRouter();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, submit } = useSubmit(async () => {
    const session = await post<SessionInfo>('/sessions', { email, password }, { anonymous: true });
    await signIn(session);
    navigate(nextPath(search), { replace: true });
  });

  return (
    <Page title="Log in to the Developer Console" busy={busy}>
      <div class="auth-card">
        {notice ? (
          <p class="notice" role="status">
            {notice}
          </p>
        ) : null}
        <form onSubmit={submit} noValidate={false}>
          <div class="field">
            <label for="login-email">Email</label>
            <input id="login-email" type="email" autocomplete="username" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for="login-password">Password</label>
            <input
              id="login-password"
              type="password"
              autocomplete="current-password"
              required
              value={password}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          </div>
          <ErrorAlert error={error} />
          <div class="button-row">
            <button type="submit" class="primary" disabled={busy}>
              {busy ? 'Logging in…' : 'Log in'}
            </button>
          </div>
        </form>
        <p class="aside">
          New to Latchkey? <Link href="/signup">Sign up</Link> to create an organization. If your organization already uses Latchkey, ask your account
          administrator for an invitation.
        </p>
      </div>
    </Page>
  );
}

export function SignupPage() {
  const { signIn } = useSession();
  const { navigate } = useRouter();
  const [form, setForm] = useState({ name: '', email: '', password: '', organizationName: '' });
  const set = (key: keyof typeof form) => (e: TargetedEvent<HTMLInputElement>) => setForm({ ...form, [key]: e.currentTarget.value });
  const { busy, error, submit } = useSubmit(async () => {
    const result = await post<{ session: SessionInfo }>('/signup', form, { anonymous: true });
    await signIn(result.session);
    navigate('/apps', { replace: true });
  });

  return (
    <Page title="Create your developer account" busy={busy}>
      <div class="auth-card">
        <p>You become the first member of a new organization, as its Developer Admin.</p>
        <form onSubmit={submit}>
          <div class="field">
            <label for="signup-name">Your name</label>
            <input id="signup-name" autocomplete="name" required value={form.name} onInput={set('name')} />
          </div>
          <div class="field">
            <label for="signup-email">Email</label>
            <input id="signup-email" type="email" autocomplete="email" required value={form.email} onInput={set('email')} />
          </div>
          <div class="field">
            <label for="signup-password">Password</label>
            <input id="signup-password" type="password" autocomplete="new-password" required value={form.password} onInput={set('password')} />
          </div>
          <div class="field">
            <label for="signup-org">Organization name</label>
            <input id="signup-org" autocomplete="organization" required value={form.organizationName} onInput={set('organizationName')} />
          </div>
          <ErrorAlert error={error} />
          <div class="button-row">
            <button type="submit" class="primary" disabled={busy}>
              {busy ? 'Creating account…' : 'Sign up'}
            </button>
          </div>
        </form>
        <p class="aside">
          Already have an account? <Link href="/login">Log in</Link>
        </p>
      </div>
    </Page>
  );
}

export function AcceptInvitationPage({ token }: { token: string }) {
  const { signIn } = useSession();
  const { navigate } = useRouter();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, submit } = useSubmit(async () => {
    const result = await post<{ session: SessionInfo }>(`/invitations/${encodeURIComponent(token)}/accept`, { name, password }, { anonymous: true });
    await signIn(result.session);
    navigate('/apps', { replace: true });
  });

  return (
    <Page title="Accept your invitation" busy={busy}>
      <div class="auth-card">
        <p>You have been invited to join an organization on Latchkey. Choose your name and a password to create your account.</p>
        <form onSubmit={submit}>
          <div class="field">
            <label for="invite-name">Your name</label>
            <input id="invite-name" autocomplete="name" required value={name} onInput={(e) => setName(e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for="invite-password">Password</label>
            <input
              id="invite-password"
              type="password"
              autocomplete="new-password"
              required
              value={password}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          </div>
          <ErrorAlert error={error} />
          <div class="button-row">
            <button type="submit" class="primary" disabled={busy}>
              {busy ? 'Accepting…' : 'Accept invitation'}
            </button>
          </div>
        </form>
      </div>
    </Page>
  );
}
