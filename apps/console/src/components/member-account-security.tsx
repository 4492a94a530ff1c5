import { useState } from 'preact/hooks';
import { del, post, type Member } from '../api';
import { formatDateTime } from '../format';
import { useAction } from '../hooks';
import { resetPasswordLink } from '../reset-link';
import { ConfirmDialog } from './dialog';
import { ErrorAlert } from './error-alert';
import { SecretShownOnce } from './secret-shown-once';
import { SecretValue } from './secret-value';

/** On a member's page, for developer admins: a password reset link (shown once) and clearing a lost second factor. */
export function MemberAccountSecurity({ member, isSelf }: { member: Member; isSelf: boolean }) {
  const [reset, setReset] = useState<{ token: string; expiresAt: string } | null>(null);
  const issuing = useAction();
  const clearing = useAction();
  const [confirmClear, setConfirmClear] = useState(false);
  const [status, setStatus] = useState('');
  const path = `/organization/members/${encodeURIComponent(member.userId)}`;
  const admin = member.role === 'developer_admin';

  const issue = () =>
    issuing.run(async () => {
      setStatus('');
      setReset(await post<{ token: string; expiresAt: string }>(`${path}/password-reset`));
    });

  const clear = () =>
    clearing.run(async () => {
      await del(`${path}/mfa`);
      setConfirmClear(false);
      setStatus(`Two-factor sign-in of ${member.name} is cleared: they sign in with their password and can set it up again.`);
    });

  return (
    <section class="card" aria-labelledby="member-sign-in">
      <h2 id="member-sign-in">Sign-in</h2>
      {reset ? (
        <SecretShownOnce
          card={false}
          title="Password reset link"
          instruction="Copy this link now and give it to the member privately."
          explanation={`It is shown only once, works once, and expires ${formatDateTime(reset.expiresAt)}. Their two-factor sign-in stays on.`}
          done={{ label: 'Done', onClick: () => setReset(null) }}
        >
          <SecretValue label="Reset link" value={resetPasswordLink(window.location.origin, reset.token)} />
        </SecretShownOnce>
      ) : (
        <>
          <p>A member who forgot their password sets a new one with a one-time link (valid 24 hours). A newer link replaces an older one.</p>
          <ErrorAlert error={issuing.error} />
          <div class="button-row">
            <button type="button" onClick={() => void issue()} disabled={issuing.busy}>
              {issuing.busy ? 'Issuing…' : 'Issue password reset'}
            </button>
          </div>
        </>
      )}
      {admin ? (
        <p>
          {isSelf ? 'You turn your own two-factor sign-in off on your Account page.' : 'A developer admin turns their own two-factor sign-in off.'}
        </p>
      ) : (
        <>
          <p>If the member lost the device with their authenticator app, clear their two-factor sign-in; they can set it up again.</p>
          <div class="button-row">
            <button type="button" class="danger" onClick={() => setConfirmClear(true)}>
              Clear two-factor
            </button>
          </div>
        </>
      )}
      <p class="notice" role="status">
        {status}
      </p>
      <ConfirmDialog
        open={confirmClear}
        title={`Clear the two-factor sign-in of ${member.name}?`}
        confirmLabel="Clear two-factor"
        danger
        busy={clearing.busy}
        error={clearing.error}
        onConfirm={clear}
        onCancel={() => {
          setConfirmClear(false);
          clearing.setError(null);
        }}
      >
        <p>Until they set it up again, their password alone signs them in. This is recorded in the audit log.</p>
      </ConfirmDialog>
    </section>
  );
}
