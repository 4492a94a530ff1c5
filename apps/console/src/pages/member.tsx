import { useState } from 'preact/hooks';
import type { TargetedSubmitEvent } from 'preact';
import { del, getAll, patch, type Credential, type Member, type Role } from '../api';
import { CredentialsTable } from '../components/credentials-table';
import { ConfirmDialog } from '../components/dialog';
import { EmptyState } from '../components/empty-state';
import { ErrorAlert } from '../components/error-alert';
import { ExpiryNotices } from '../components/expiry-notices';
import { PermissionChoices, RoleSelect } from '../components/member-access-fields';
import { MemberAccountSecurity } from '../components/member-account-security';
import { OffboardingSummary } from '../components/offboarding-summary';
import { ServiceBadge } from '../components/service-badge';
import { ServiceUserApiToken } from '../components/service-user-api-token';
import { ServiceUserCredential } from '../components/service-user-credential';
import { Loading, Page } from '../components/page';
import { roleLabel } from '../format';
import { useAction, useLoad } from '../hooks';
import { credentialHref, Link, memberHref, useRouter } from '../router';
import { useMe } from '../session';

/** One member, selected from the Organization page: their profile, and a Credentials tab. */
export function MemberPage({ userId, tab }: { userId: string; tab: 'profile' | 'credentials' }) {
  const me = useMe();
  const members = useLoad((signal) => getAll<Member>('/organization/members', signal), []);
  const member = members.data?.find((m) => m.userId === userId);
  const notFound = members.data && !member;
  const name = member?.name ?? 'Member';

  return (
    <Page title={tab === 'credentials' ? `${name}: Credentials` : name} busy={members.loading}>
      <p class="breadcrumb">
        <Link href="/organization">← Organization</Link>
      </p>
      <nav aria-label="Developer" class="sub-nav">
        <ul>
          <li>
            <Link href={memberHref(userId)} aria-current={tab === 'profile' ? 'page' : undefined}>
              Profile
            </Link>
          </li>
          <li>
            <Link href={`${memberHref(userId)}/credentials`} aria-current={tab === 'credentials' ? 'page' : undefined}>
              Credentials
            </Link>
          </li>
        </ul>
      </nav>
      <ErrorAlert error={members.error} />
      {members.loading && !members.data ? <Loading what="Loading the member" /> : null}
      {notFound ? <p class="empty">There is no member with this id in your organization.</p> : null}
      {member && tab === 'profile' ? <MemberProfile member={member} isSelf={member.userId === me.id} onChanged={members.reload} /> : null}
      {tab === 'credentials' && !notFound ? <MemberCredentials userId={userId} name={member?.name} /> : null}
    </Page>
  );
}

function MemberProfile({ member, isSelf, onChanged }: { member: Member; isSelf: boolean; onChanged(): Promise<void> }) {
  const { navigate } = useRouter();
  const [role, setRole] = useState<Role>(member.role);
  const [permissions, setPermissions] = useState<string[]>(member.permissions);
  const { busy, error, run } = useAction();
  const [status, setStatus] = useState('');
  const [confirming, setConfirming] = useState(false);
  const removing = useAction();

  const save = async (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setStatus('');
    await run(async () => {
      await patch<Member>(`/organization/members/${encodeURIComponent(member.userId)}`, { role, permissions });
      setStatus('The member was updated.');
      await onChanged();
    });
  };

  const remove = () =>
    removing.run(async () => {
      await del(`/organization/members/${encodeURIComponent(member.userId)}`);
      setConfirming(false);
      navigate('/organization');
    });

  return (
    <>
      <dl class="facts">
        {member.kind === 'service' ? (
          <div>
            <dt>Kind</dt>
            <dd>
              Service user <ServiceBadge member={member} />
            </dd>
          </div>
        ) : (
          <div>
            <dt>Email</dt>
            <dd>{member.email}</dd>
          </div>
        )}
        <div>
          <dt>Role</dt>
          <dd>{roleLabel(member.role)}</dd>
        </div>
        <div>
          <dt>Member ID</dt>
          <dd class="mono">{member.userId}</dd>
        </div>
      </dl>
      <form class="form card" onSubmit={save} aria-labelledby="member-access" aria-busy={busy ? 'true' : 'false'}>
        <h2 id="member-access">Role and permissions</h2>
        <RoleSelect id="member-role" value={role} onChange={setRole} />
        <PermissionChoices name="member-permissions" value={permissions} onChange={setPermissions} />
        <ErrorAlert error={error} />
        <p class="notice" role="status">
          {status}
        </p>
        <div class="button-row">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
      {member.kind === 'service' ? (
        <>
          <p class="lead">
            {member.name} is a service user: it has no password and never signs in. Its credentials and API tokens keep working when people leave.
          </p>
          <ServiceUserCredential member={member} onCreated={() => undefined} />
          <ServiceUserApiToken member={member} />
        </>
      ) : (
        <MemberAccountSecurity member={member} isSelf={isSelf} />
      )}
      <section class="card danger-zone" aria-labelledby="remove-member">
        <h2 id="remove-member">Remove from the organization</h2>
        <p>Their sessions end, their JWT credentials are revoked, and tokens issued on them stop working.</p>
        <button type="button" class="danger" onClick={() => setConfirming(true)}>
          {isSelf ? 'Remove myself' : 'Remove member'}
        </button>
      </section>
      <ConfirmDialog
        open={confirming}
        title={`Remove ${member.name}?`}
        confirmLabel="Remove"
        danger
        busy={removing.busy}
        error={removing.error}
        onConfirm={remove}
        onCancel={() => {
          setConfirming(false);
          removing.setError(null);
        }}
      >
        <p>
          {member.kind === 'service' ? member.name : `${member.name} (${member.email})`} will be deactivated: their sessions end at once, their
          credentials are revoked and apps using them stop working. This cannot be undone.
        </p>
        {confirming ? <OffboardingSummary userId={member.userId} name={member.name} /> : null}
      </ConfirmDialog>
    </>
  );
}

function MemberCredentials({ userId, name }: { userId: string; name?: string }) {
  const credentials = useLoad((signal) => getAll<Credential>(`/organization/members/${encodeURIComponent(userId)}/credentials`, signal), [userId]);
  return (
    <section aria-busy={credentials.loading ? 'true' : 'false'}>
      <ErrorAlert error={credentials.error} />
      {credentials.loading && !credentials.data ? <Loading what="Loading the credentials" /> : null}
      {credentials.data ? <ExpiryNotices items={credentials.data} hrefFor={(c) => credentialHref(c.id, userId)} own={false} /> : null}
      {credentials.data ? (
        <CredentialsTable
          items={credentials.data}
          caption={`JWT credentials of ${name ?? 'this member'}`}
          hrefFor={(c) => credentialHref(c.id, userId)}
          empty={
            <EmptyState
              message={`${name ?? 'This member'} has no JWT credentials.`}
              action={{ label: 'Open the audit log', href: '/organization/audit' }}
            />
          }
        />
      ) : null}
    </section>
  );
}
