import { CardTable } from '../components/card-table';
import { useState } from 'preact/hooks';
import type { TargetedSubmitEvent } from 'preact';
import { get, getAll, PERMISSIONS, post, type Invitation, type InvitationSummary, type Member, type Role } from '../api';
import { EmptyState } from '../components/empty-state';
import { ErrorAlert } from '../components/error-alert';
import { PermissionChoices, RoleSelect } from '../components/member-access-fields';
import { OrganizationTabs } from '../components/organization-tabs';
import { Loading, Page } from '../components/page';
import { PendingInvitations } from '../components/pending-invitations';
import { ServiceBadge } from '../components/service-badge';
import { SecretShownOnce } from '../components/secret-shown-once';
import { SecretValue } from '../components/secret-value';
import { formatDateTime, roleLabel } from '../format';
import { useAction, useLoad } from '../hooks';
import { invitationLink } from '../invitation-link';
import { Link, memberHref, useRouter } from '../router';
import { isAdmin, useMe } from '../session';

const DEFAULT_PERMISSIONS: Record<Role, string[]> = {
  user: ['ReadAccounts', 'ReadExtensions'],
  developer: ['ReadAccounts', 'ReadExtensions'],
  developer_admin: [...PERMISSIONS],
};

export function OrganizationPage() {
  const me = useMe();
  const organization = useLoad((signal) => get<{ id: string; name: string }>('/organization', signal), []);
  const members = useLoad((signal) => getAll<Member>('/organization/members', signal), []);
  const admin = isAdmin(me);
  const invitations = useLoad(
    (signal) => (admin ? getAll<InvitationSummary>('/organization/invitations?status=pending', signal) : Promise.resolve([])),
    [admin],
  );

  return (
    <Page
      title={organization.data ? `Organization: ${organization.data.name}` : 'Organization'}
      busy={members.loading || organization.loading || invitations.loading}
    >
      {admin ? <OrganizationTabs current="members" /> : null}
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
            <CardTable>
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
                      {m.status === 'active' && admin ? <Link href={memberHref(m.userId)}>{m.name}</Link> : m.name}
                      {m.userId === me.id ? <span class="you"> (you)</span> : null}
                      <ServiceBadge member={m} />
                    </th>
                    <td>{m.kind === 'service' ? <span class="muted">None (service user)</span> : m.email}</td>
                    <td>{roleLabel(m.role)}</td>
                    <td>{m.permissions.length ? m.permissions.join(', ') : 'None'}</td>
                    <td>{m.status === 'active' ? 'Active' : 'Removed'}</td>
                  </tr>
                ))}
              </tbody>
            </CardTable>
          </div>
        ) : null}
        {admin && members.data?.length === 1 ? (
          <EmptyState message="You are the only member so far." action={{ label: 'Send an invitation', focus: 'invite-email' }} />
        ) : null}
      </section>
      {admin ? <PendingInvitations invitations={invitations} meId={me.id} /> : null}
      {admin ? <InviteMember onInvited={() => Promise.all([members.reload(), invitations.reload()]).then(() => undefined)} /> : null}
      {admin ? <AddServiceUser onAdded={members.reload} /> : null}
    </Page>
  );
}

function InviteMember({ onInvited }: { onInvited(): Promise<void> }) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('developer');
  const [permissions, setPermissions] = useState<string[]>(DEFAULT_PERMISSIONS.developer);
  const { busy, error, run } = useAction();
  const [invitation, setInvitation] = useState<Invitation | null>(null);

  const submit = async (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setInvitation(null);
    await run(async () => {
      const created = await post<Invitation>('/organization/invitations', { email: email.trim(), role, permissions });
      setInvitation(created);
      setEmail('');
      void onInvited();
    });
  };

  return (
    <>
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
      </section>
      {invitation ? (
        <SecretShownOnce
          key={invitation.id}
          title={`Invitation for ${invitation.email} created`}
          instruction={`Send this link to ${invitation.email}. It is shown only once.`}
          explanation={`It works until ${formatDateTime(invitation.expiresAt)}, for one person, as ${roleLabel(invitation.role)}.`}
          done={{ label: 'I have copied it', onClick: () => setInvitation(null) }}
        >
          <SecretValue label="Invitation link" value={invitationLink(window.location.origin, invitation.token)} />
        </SecretShownOnce>
      ) : null}
    </>
  );
}

const SERVICE_USER_ROLES: Role[] = ['developer', 'developer_admin'];

/** A service user: a member for an integration, with no password, whose credentials outlive any person. */
function AddServiceUser({ onAdded }: { onAdded(): Promise<void> }) {
  const { navigate } = useRouter();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('developer');
  const [permissions, setPermissions] = useState<string[]>(DEFAULT_PERMISSIONS.developer);
  const [open, setOpen] = useState(false);
  const { busy, error, run } = useAction();

  const submit = async (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    await run(async () => {
      const created = await post<Member>('/organization/service-users', { name: name.trim(), role, permissions });
      setName('');
      await onAdded();
      navigate(memberHref(created.userId));
    });
  };

  return (
    <section class="card" aria-labelledby="service-user-heading">
      <h2 id="service-user-heading">Service users</h2>
      <p class="hint">
        A service user holds the credentials of an integration: it has no password and never signs in, and its credentials keep working whoever leaves
        the organization. Developer Admins create its credentials and API tokens.
      </p>
      {open ? null : (
        <div class="button-row">
          <button type="button" onClick={() => setOpen(true)}>
            Add service user
          </button>
        </div>
      )}
      {open ? (
        <form class="form" onSubmit={submit} aria-busy={busy ? 'true' : 'false'}>
          <div class="field">
            <label for="service-user-name">Name</label>
            <input id="service-user-name" required maxLength={100} value={name} onInput={(e) => setName(e.currentTarget.value)} />
          </div>
          <RoleSelect
            id="service-user-role"
            roles={SERVICE_USER_ROLES}
            value={role}
            onChange={(next) => {
              setRole(next);
              setPermissions(DEFAULT_PERMISSIONS[next]);
            }}
          />
          <PermissionChoices name="service-user-permissions" value={permissions} onChange={setPermissions} />
          <ErrorAlert error={error} />
          <div class="button-row">
            <button type="button" onClick={() => setOpen(false)} disabled={busy}>
              Cancel
            </button>
            <button type="submit" class="primary" disabled={busy}>
              {busy ? 'Creating…' : 'Create service user'}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
