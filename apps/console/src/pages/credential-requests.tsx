import { useState } from 'preact/hooks';
import { ApiError, getAll, post, type CredentialRequest } from '../api';
import { CardTable } from '../components/card-table';
import { DateTime } from '../components/date-time';
import { ConfirmDialog } from '../components/dialog';
import { ErrorAlert } from '../components/error-alert';
import { OrganizationTabs } from '../components/organization-tabs';
import { Loading, Page } from '../components/page';
import { useAction, useLoad } from '../hooks';
import { credentialHref, Link } from '../router';

const STATUS_LABELS: Record<CredentialRequest['status'], string> = { pending: 'Pending', approved: 'Approved', denied: 'Denied' };

/** Pending requests first (they need a decision), then the decided ones; newest first within each. */
const byUrgency = (a: CredentialRequest, b: CredentialRequest) =>
  Number(b.status === 'pending') - Number(a.status === 'pending') || b.createdAt.localeCompare(a.createdAt);

type Decision = { kind: 'approve' | 'deny'; request: CredentialRequest };

/**
 * Credential requests, for Developer Admins: under the policy "Only with an admin’s approval", each
 * app of another organization that a member adds to a credential waits here. Approving makes it
 * usable at once (with an optional note); denying (with a reason) removes it from the credential.
 */
export function CredentialRequestsPage() {
  const requests = useLoad((signal) => getAll<CredentialRequest>('/organization/credential-requests', signal), []);
  const [decision, setDecision] = useState<Decision | null>(null);
  const [text, setText] = useState('');
  const [status, setStatus] = useState('');
  const action = useAction();

  const open = (kind: Decision['kind'], request: CredentialRequest) => {
    setText('');
    action.setError(null);
    setDecision({ kind, request });
  };
  const close = () => {
    setDecision(null);
    action.setError(null);
  };

  const confirm = () =>
    action.run(async () => {
      if (!decision) return;
      const { kind, request } = decision;
      const value = text.trim();
      if (kind === 'deny' && !value) {
        throw new ApiError({
          status: 400,
          title: 'Enter a reason',
          detail: 'Say why the app may not use the credential: the requester’s admins see it with the request.',
          errors: [{ field: 'reason', message: 'Enter a reason' }],
        });
      }
      const path = `/organization/credential-requests/${encodeURIComponent(request.id)}/${kind}`;
      await post<CredentialRequest>(path, kind === 'deny' ? { reason: value } : value ? { note: value } : {});
      setDecision(null);
      setStatus(
        kind === 'approve'
          ? `${request.appName} may now use “${request.credentialLabel}”.`
          : `${request.appName} was removed from “${request.credentialLabel}”.`,
      );
      await requests.reload();
    });

  const items = [...(requests.data ?? [])].sort(byUrgency);
  const pending = items.filter((r) => r.status === 'pending').length;
  return (
    <Page title="Credential requests" busy={requests.loading}>
      <OrganizationTabs current="requests" />
      <p class="lead">
        When the policy allows apps of other organizations only with an admin’s approval, each one a member adds to a credential waits here. The app
        cannot use the credential until you approve it.
      </p>
      <ErrorAlert error={requests.error} />
      {status ? (
        <p class="notice" role="status">
          {status}
        </p>
      ) : null}
      {requests.loading && !requests.data ? <Loading what="Loading the requests" /> : null}
      {requests.data && items.length === 0 ? <p class="empty">No member has asked for an app of another organization yet.</p> : null}
      {items.length > 0 ? (
        <div class="table-wrap">
          <CardTable>
            <caption>
              {pending === 0
                ? 'No request waits for a decision'
                : pending === 1
                  ? '1 request waits for a decision'
                  : `${pending} requests wait for a decision`}
            </caption>
            <thead>
              <tr>
                <th scope="col">Credential</th>
                <th scope="col">Requested by</th>
                <th scope="col">App</th>
                <th scope="col">Justification</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id} data-request-id={r.id}>
                  <th scope="row">
                    <Link href={credentialHref(r.credentialId, r.requester.userId)}>{r.credentialLabel}</Link>
                  </th>
                  <td>
                    {r.requester.email}
                    <br />
                    <DateTime value={r.createdAt} />
                  </td>
                  <td>
                    {r.appName} ({r.organizationName})
                    <br />
                    <span class="mono">{r.clientId}</span>
                  </td>
                  <td>{r.justification}</td>
                  <td>
                    <span class={`badge badge-${r.status}`}>{STATUS_LABELS[r.status]}</span>
                    {r.decidedBy ? <span class="hint"> by {r.decidedBy.email}</span> : null}
                    {r.note ? <p class="hint">“{r.note}”</p> : null}
                  </td>
                  <td class="actions">
                    {r.status === 'pending' ? (
                      <div class="button-row">
                        <button
                          type="button"
                          class="small primary"
                          onClick={() => open('approve', r)}
                          aria-label={`Approve ${r.appName} for ${r.credentialLabel}`}
                        >
                          Approve
                        </button>
                        <button
                          type="button"
                          class="small danger-outline"
                          onClick={() => open('deny', r)}
                          aria-label={`Deny ${r.appName} for ${r.credentialLabel}`}
                        >
                          Deny
                        </button>
                      </div>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </CardTable>
        </div>
      ) : null}

      <ConfirmDialog
        open={decision?.kind === 'approve'}
        title="Approve this app?"
        confirmLabel="Approve"
        initialFocus="first-field"
        busy={action.busy}
        error={action.error}
        onConfirm={() => void confirm()}
        onCancel={close}
      >
        <p>
          {decision?.request.appName} ({decision?.request.organizationName}) will be able to use “{decision?.request.credentialLabel}” of{' '}
          {decision?.request.requester.email} at once.
        </p>
        <div class="field">
          <label for="approve-note">Note (optional)</label>
          <input id="approve-note" maxLength={500} value={text} onInput={(e) => setText(e.currentTarget.value)} />
        </div>
      </ConfirmDialog>
      <ConfirmDialog
        open={decision?.kind === 'deny'}
        title="Deny this app?"
        confirmLabel="Deny"
        danger
        initialFocus="first-field"
        busy={action.busy}
        error={action.error}
        onConfirm={() => void confirm()}
        onCancel={close}
      >
        <p>
          {decision?.request.appName} will be removed from “{decision?.request.credentialLabel}”. A credential with no other app is revoked. This
          cannot be undone.
        </p>
        <div class="field">
          <label for="deny-reason">Reason</label>
          <input id="deny-reason" aria-required="true" maxLength={500} value={text} onInput={(e) => setText(e.currentTarget.value)} />
        </div>
      </ConfirmDialog>
    </Page>
  );
}
