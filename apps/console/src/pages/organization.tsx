import { useState } from 'preact/hooks';
import type { TargetedSubmitEvent } from 'preact';
import { del, get, getAll, patch, post, PERMISSIONS, ROLES, type Credential, type Invitation, type Member, type Role } from '../api';
import { CredentialsTable } from '../components/credentials-table';
import { ConfirmDialog } from '../components/dialog';
import { ErrorAlert } from '../components/error-alert';
import { Loading, Page } from '../components/page';
import { SecretValue } from '../components/secret-value';
import { formatDateTime, roleLabel } from '../format';
import { useLoad } from '../hooks';
import { Link, useRouter } from '../router';
import { isAdmin, useMe } from '../session';

const DEFAULT_PERMISSIONS: Record<Role, string[]> = {
  user: ['ReadAccounts', 'ReadExtensions'],
  developer: ['ReadAccounts', 'ReadExtensions'],
  developer_admin: [...PERMISSIONS],
};

const memberHref = (userId: string) => `/organization/members/${encodeURIComponent(userId)}`;

export function OrganizationPage() {
  const me = useMe();
  const organization = useLoad((signal) => get<{ id: string; name: string }>('/organization', signal), []);
  const members = useLoad((signal) => getAll<Member>('/organization/members', signal), []);

  return (
    <Page title={organization.data ? `Organization: ${organization.data.name}` : 'Organization'} busy={members.loading || organization.loading}>
      <p class="lead">
        Developer Admins manage the members of the organization and the JWT credentials of every developer in it. Select a developer, then click
        Credentials to manage theirs.
      </p>
      <ErrorAlert error={organization.error ?? members.error} />
      <section class="card" aria-labelledby="members-heading">
        <h2 id="members-heading">Members</h2>
        {members.loading && !members.data ? <Loading what="Loading the members" /> : null}
        {members.data ? (
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">Members of the organization, with their roles and permissions</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                  <th scope="col">Permissions</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {members.data.map((m) => (
                  <tr key={m.userId} class={m.status === 'active' ? undefined : 'inactive'}>
                    <th scope="row">
                      {m.status === 'active' && isAdmin(me) ? <Link href={memberHref(m.userId)}>{m.name}</Link> : m.name}
                      {m.userId === me.id ? <span class="you"> (you)</span> : null}
                    </th>
                    <td>{m.email}</td>
                    <td>{roleLabel(m.role)}</td>
                    <td>{m.permissions.length ? m.permissions.join(', ') : 'None'}</td>
                    <td>{m.status === 'active' ? 'Active' : 'Removed'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
      {isAdmin(me) ? <InviteMember onInvited={members.reload} /> : null}
    </Page>
  );
}

function PermissionChoices({ value, onChange, name }: { value: string[]; onChange(next: string[]): void; name: string }) {
  return (
    <fieldset>
      <legend>Platform permissions</legend>
      <p class="hint">What this person may do through the Platform API, whichever app they use.</p>
      {PERMISSIONS.map((permission) => (
        <label class="choice" key={permission}>
          <input
            type="checkbox"
            name={name}
            value={permission}
            checked={value.includes(permission)}
            onChange={(e) => onChange(e.currentTarget.checked ? [...value, permission] : value.filter((p) => p !== permission))}
          />
          {permission}
        </label>
      ))}
    </fieldset>
  );
}

function RoleSelect({ id, value, onChange }: { id: string; value: Role; onChange(role: Role): void }) {
  return (
    <div class="field">
      <label for={id}>Role</label>
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value as Role)}>
        {ROLES.map((role) => (
          <option key={role} value={role}>
            {roleLabel(role)}
          </option>
        ))}
      </select>
    </div>
  );
}

function InviteMember({ onInvited }: { onInvited(): Promise<void> }) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('developer');
  const [permissions, setPermissions] = useState<string[]>(DEFAULT_PERMISSIONS.developer);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [invitation, setInvitation] = useState<Invitation | null>(null);

  const submit = async (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setInvitation(null);
    try {
      const created = await post<Invitation>('/organization/invitations', { email: email.trim(), role, permissions });
      setInvitation(created);
      setEmail('');
      void onInvited();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite a member</h2>
      <form class="form" onSubmit={submit} aria-busy={busy ? 'true' : 'false'}>
        <div class="field">
          <label for="invite-email">Email</label>
          <input id="invite-email" type="email" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
        </div>
        <RoleSelect
          id="invite-role"
          value={role}
          onChange={(next) => {
            setRole(next);
            setPermissions(DEFAULT_PERMISSIONS[next]);
          }}
        />
        <PermissionChoices name="invite-permissions" value={permissions} onChange={setPermissions} />
        <ErrorAlert error={error} />
        <div class="button-row">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? 'Inviting…' : 'Invite'}
          </button>
        </div>
      </form>
      {invitation ? (
        <div class="created" role="region" aria-label="Invitation created">
          <p class="callout callout-warning">
            <strong>Send this link to {invitation.email}. It is shown only once.</strong> It works until {formatDateTime(invitation.expiresAt)}, for one
            person, as {roleLabel(invitation.role)}.
          </p>
          <SecretValue label="Invitation link" value={`${window.location.origin}/invitations/${encodeURIComponent(invitation.token)}`} />
        </div>
      ) : null}
    </section>
  );
}

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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [removeError, setRemoveError] = useState<unknown>(null);
  const [removing, setRemoving] = useState(false);

  const save = async (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setStatus('');
    try {
      await patch<Member>(`/organization/members/${encodeURIComponent(member.userId)}`, { role, permissions });
      setStatus('The member was updated.');
      await onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    setRemoving(true);
    setRemoveError(null);
    try {
      await del(`/organization/members/${encodeURIComponent(member.userId)}`);
      setConfirming(false);
      navigate('/organization');
    } catch (e) {
      setRemoveError(e);
    } finally {
      setRemoving(false);
    }
  };

  return (
    <>
      <dl class="facts">
        <div>
          <dt>Email</dt>
          <dd>{member.email}</dd>
        </div>
        <div>
          <dt>Role</dt>
          <dd>{roleLabel(member.role)}</dd>
        </div>
        <div>
          <dt>User ID</dt>
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
        busy={removing}
        error={removeError}
        onConfirm={remove}
        onCancel={() => {
          setConfirming(false);
          setRemoveError(null);
        }}
      >
        <p>
          {member.name} ({member.email}) will be deactivated: their sessions end at once, their credentials are revoked and apps using them stop working.
          This cannot be undone.
        </p>
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
      {credentials.data ? (
        <CredentialsTable
          items={credentials.data}
          caption={`JWT credentials of ${name ?? 'this member'}`}
          hrefFor={(c) => `${memberHref(userId)}/credentials/${encodeURIComponent(c.id)}`}
          empty={`${name ?? 'This member'} has no JWT credentials.`}
        />
      ) : null}
    </section>
  );
}
