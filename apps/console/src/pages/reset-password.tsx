import { useState } from 'preact/hooks';
import { post } from '../api';
import { AuthFormPage } from '../components/auth-form';
import { Page } from '../components/page';
import { TextField } from '../components/text-field';
import { useFields } from '../hooks';
import { tokenFromFragment } from '../invitation-link';
import { Link } from '../router';

/** Sets a new password with the one-time token of a reset link (`/reset-password#<token>`). */
export function ResetPasswordPage() {
  const [token] = useState(() => tokenFromFragment(window.location.hash));
  const [done, setDone] = useState(false);
  const { values, field } = useFields({ newPassword: '', confirm: '' });

  if (!token || done) {
    return (
      <Page title={done ? 'Your password is set' : 'Reset your password'}>
        <div class="auth-card">
          {done ? (
            <p class="callout callout-info" role="status">
              Your new password is set and every session of yours has ended. <Link href="/login">Log in</Link> with it.
            </p>
          ) : (
            <p class="callout callout-info">
              This reset link is incomplete: the code after the <code>#</code> is missing. Open the whole link you were given, or ask a developer
              admin of your organization for a new one.
            </p>
          )}
        </div>
      </Page>
    );
  }

  return (
    <AuthFormPage
      title="Reset your password"
      intro={<p>Choose a new password: at least 12 characters, mixing two kinds of characters (letters, digits, symbols or spaces).</p>}
      submitLabel="Set new password"
      fields={['newPassword']}
      busyLabel="Setting password…"
      onSubmit={async () => {
        if (values.newPassword !== values.confirm) throw new Error('The two passwords differ. Type the same new password twice.');
        await post('/password-resets', { token, newPassword: values.newPassword }, { anonymous: true });
        // The token is used: it leaves the address, so a reload does not send it again.
        window.history.replaceState(null, '', window.location.pathname);
        setDone(true);
      }}
      aside={
        <>
          Remembered it? <Link href="/login">Log in</Link>
        </>
      }
    >
      <TextField id="reset-password" name="newPassword" label="New password" type="password" autocomplete="new-password" {...field('newPassword')} />
      <TextField id="reset-confirm" label="New password, again" type="password" autocomplete="new-password" {...field('confirm')} />
    </AuthFormPage>
  );
}
