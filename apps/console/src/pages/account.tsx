import { useState } from 'preact/hooks';
import type { TargetedSubmitEvent } from 'preact';
import { post, request } from '../api';
import { ErrorAlert } from '../components/error-alert';
import { Page } from '../components/page';
import { QrCode } from '../components/qr-code';
import { SecretShownOnce } from '../components/secret-shown-once';
import { SecretValue } from '../components/secret-value';
import { TextField } from '../components/text-field';
import { useAction, useFields } from '../hooks';
import { useMe, useSession } from '../session';

/** The signed-in user's own account: their password and two-factor sign-in. */
export function AccountPage() {
  const me = useMe();
  return (
    <Page title="Account">
      <dl class="facts">
        <div>
          <dt>Name</dt>
          <dd>{me.name}</dd>
        </div>
        <div>
          <dt>Email</dt>
          <dd>{me.email}</dd>
        </div>
      </dl>
      <ChangePassword />
      <TwoFactor />
    </Page>
  );
}

function ChangePassword() {
  const empty = { currentPassword: '', newPassword: '' };
  const [values, setValues] = useState(empty);
  const field = (key: keyof typeof empty) => ({ value: values[key], onInput: (value: string) => setValues((v) => ({ ...v, [key]: value })) });
  const { busy, error, run } = useAction();
  const [status, setStatus] = useState('');

  const submit = (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setStatus('');
    void run(async () => {
      await post('/me/password', values);
      setValues(empty);
      setStatus('Your password is changed. Your other sessions have ended; this one continues.');
    });
  };

  return (
    <form class="form card" onSubmit={submit} aria-labelledby="change-password" aria-busy={busy ? 'true' : 'false'}>
      <h2 id="change-password">Password</h2>
      <p>At least 12 characters, mixing two kinds of characters (letters, digits, symbols or spaces), not your email address.</p>
      <TextField id="current-password" label="Current password" type="password" autocomplete="current-password" {...field('currentPassword')} />
      <TextField id="new-password" label="New password" type="password" autocomplete="new-password" {...field('newPassword')} />
      <ErrorAlert error={error} />
      <p class="notice" role="status">
        {status}
      </p>
      <div class="button-row">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Changing…' : 'Change password'}
        </button>
      </div>
    </form>
  );
}

type Step = { kind: 'idle' } | { kind: 'enrolling'; secret: string; otpauthUri: string } | { kind: 'codes'; recoveryCodes: string[] };

function TwoFactor() {
  const me = useMe();
  const { refreshMe } = useSession();
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const action = useAction();

  const start = () =>
    action.run(async () => {
      const enrolment = await post<{ secret: string; otpauthUri: string }>('/me/mfa/totp');
      setStep({ kind: 'enrolling', ...enrolment });
    });

  if (step.kind === 'codes') {
    return (
      <section class="card" aria-labelledby="two-factor">
        <h2 id="two-factor">Two-factor sign-in</h2>
        <SecretShownOnce
          card={false}
          title="Your recovery codes"
          instruction="Save these codes now, somewhere safe."
          explanation="They are shown only once. Each one signs you in once in place of a code, if you lose your device."
          done={{
            label: 'I have saved them',
            onClick: () => {
              setStep({ kind: 'idle' });
              void refreshMe();
            },
          }}
          actions={
            <button type="button" onClick={() => downloadText('latchkey-recovery-codes.txt', `${step.recoveryCodes.join('\n')}\n`)}>
              Download
            </button>
          }
        >
          <SecretValue label="Recovery codes" value={step.recoveryCodes.join('\n')} multiline />
        </SecretShownOnce>
      </section>
    );
  }

  return (
    <section class="card" aria-labelledby="two-factor">
      <h2 id="two-factor">Two-factor sign-in</h2>
      {me.mfa.totp ? (
        <>
          <p>
            <strong>On.</strong> Signing in asks for a code from your authenticator app (or a recovery code).
          </p>
          <DisableTwoFactor onDone={refreshMe} />
        </>
      ) : step.kind === 'enrolling' ? (
        <ConfirmEnrolment
          secret={step.secret}
          otpauthUri={step.otpauthUri}
          email={me.email}
          onConfirmed={(recoveryCodes) => setStep({ kind: 'codes', recoveryCodes })}
          onCancel={() => setStep({ kind: 'idle' })}
        />
      ) : (
        <>
          <p>
            <strong>Off.</strong> Protect your account with a code from an authenticator app (Google Authenticator, 1Password, Authy…) besides your
            password.
          </p>
          <ErrorAlert error={action.error} />
          <div class="button-row">
            <button type="button" class="primary" onClick={() => void start()} disabled={action.busy}>
              {action.busy ? 'Starting…' : 'Set up two-factor sign-in'}
            </button>
          </div>
        </>
      )}
    </section>
  );
}

function ConfirmEnrolment(props: { secret: string; otpauthUri: string; email: string; onConfirmed(codes: string[]): void; onCancel(): void }) {
  const [code, setCode] = useState('');
  const { busy, error, run } = useAction();
  const submit = (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    void run(async () => {
      const { recoveryCodes } = await post<{ recoveryCodes: string[] }>('/me/mfa/totp/confirm', { code: code.trim() });
      props.onConfirmed(recoveryCodes);
    });
  };
  return (
    <form onSubmit={submit} aria-busy={busy ? 'true' : 'false'}>
      <ol class="steps">
        <li>Scan this QR code with your authenticator app, or type the key below into it.</li>
        <li>Enter the 6-digit code the app shows. Your other sessions end when two-factor sign-in turns on.</li>
      </ol>
      <QrCode value={props.otpauthUri} label={`QR code to add Latchkey (${props.email}) to an authenticator app`} />
      <SecretValue label="Setup key" value={props.secret} />
      <TextField id="totp-code" label="Code from the app" autocomplete="one-time-code" value={code} onInput={setCode} />
      <ErrorAlert error={error} />
      <div class="button-row">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Checking…' : 'Turn on'}
        </button>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function DisableTwoFactor({ onDone }: { onDone(): Promise<void> }) {
  const { values, field } = useFields({ password: '', code: '' });
  const { busy, error, run } = useAction();
  const submit = (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    void run(async () => {
      await request('DELETE', '/me/mfa/totp', { body: { password: values.password, code: values.code.trim() } });
      await onDone();
    });
  };
  return (
    <form onSubmit={submit} aria-labelledby="disable-two-factor" aria-busy={busy ? 'true' : 'false'}>
      <h3 id="disable-two-factor">Turn off</h3>
      <TextField id="disable-password" label="Password" type="password" autocomplete="current-password" {...field('password')} />
      <TextField id="disable-code" label="Code from the app, or a recovery code" autocomplete="one-time-code" {...field('code')} />
      <ErrorAlert error={error} />
      <div class="button-row">
        <button type="submit" class="danger" disabled={busy}>
          {busy ? 'Turning off…' : 'Turn off two-factor sign-in'}
        </button>
      </div>
    </form>
  );
}

function downloadText(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
