import { CardTable } from './card-table';
import { DateTime } from './date-time';
import { useState } from 'preact/hooks';
import { del, encode, type InvitationSummary } from '../api';
import { roleLabel } from '../format';
import { useAction, type Loaded } from '../hooks';
import { ConfirmDialog } from './dialog';
import { EmptyState } from './empty-state';
import { ErrorAlert } from './error-alert';
import { Loading } from './page';

interface PendingInvitationsProps {
  invitations: Loaded<InvitationSummary[]>;
  meId: string;
}

/** The organization's invitations nobody has accepted yet; a Developer Admin cancels one after confirming. */
export function PendingInvitations({ invitations, meId }: PendingInvitationsProps) {
  const [cancelling, setCancelling] = useState<InvitationSummary | null>(null);
  const action = useAction();
  const [status, setStatus] = useState('');

  const confirm = () =>
    action.run(async () => {
      if (!cancelling) return;
      try {
        await del(`/organization/invitations/${encode(cancelling.id)}`);
      } catch (error) {
        // Accepted or cancelled meanwhile: the list shows what is still pending.
        void invitations.reload();
        throw error;
      }
      await invitations.reload();
      setStatus(`The invitation for ${cancelling.email} was cancelled: its link no longer works.`);
      setCancelling(null);
    });

  const close = () => {
    setCancelling(null);
    action.setError(null);
  };

  const items = invitations.data;
  return (
    <section class="card" aria-labelledby="pending-invitations-heading">
      <h2 id="pending-invitations-heading">Pending invitations</h2>
      <ErrorAlert error={invitations.error} />
      <p class="notice" role="status">
        {status}
      </p>
      {invitations.loading && !items ? <Loading what="Loading the invitations" /> : null}
      {items && items.length === 0 ? (
        <EmptyState message="There are no pending invitations." action={{ label: 'Send an invitation', focus: 'invite-email' }} />
      ) : null}
      {items && items.length > 0 ? (
        <div class="table-wrap">
          <CardTable>
            <caption class="visually-hidden">Invitations not yet accepted, with who sent them and when they expire</caption>
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Invited by</th>
                <th scope="col">Expires</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((invitation) => (
                <tr key={invitation.id}>
                  <th scope="row">{invitation.email}</th>
                  <td>{roleLabel(invitation.role)}</td>
                  <td>{inviter(invitation, meId)}</td>
                  <td>
                    <DateTime value={invitation.expiresAt} />
                  </td>
                  <td>
                    <button
                      type="button"
                      class="small danger-outline"
                      aria-label={`Cancel the invitation for ${invitation.email}`}
                      onClick={() => {
                        action.setError(null);
                        setStatus('');
                        setCancelling(invitation);
                      }}
                    >
                      Cancel
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </CardTable>
        </div>
      ) : null}

      <ConfirmDialog
        open={cancelling !== null}
        title="Cancel this invitation?"
        confirmLabel="Cancel invitation"
        cancelLabel="Keep it"
        danger
        busy={action.busy}
        error={action.error}
        onConfirm={confirm}
        onCancel={close}
      >
        <p>The link sent to {cancelling?.email} stops working at once. To let them join later, invite them again.</p>
      </ConfirmDialog>
    </section>
  );
}

function inviter(invitation: InvitationSummary, meId: string): string {
  if (!invitation.invitedBy) return 'Unknown';
  return invitation.invitedBy.userId === meId ? `You (${invitation.invitedBy.email})` : invitation.invitedBy.email;
}
