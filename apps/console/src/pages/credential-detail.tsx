import { CopyButton } from '../components/copy-button';
import { DateTime } from '../components/date-time';
import { useCallback, useEffect, useState } from 'preact/hooks';
import {
  del,
  get,
  getAll,
  isApiError,
  patch,
  post,
  request,
  REVOCATION_REASON_LABELS,
  type Credential,
  type HistoryEntry,
  type Policy,
} from '../api';
import { EnvironmentBadge, StatusBadge } from '../components/credentials-table';
import { auditLogHref } from '../components/audit-filters';
import { ConfirmDialog } from '../components/dialog';
import { ErrorAlert } from '../components/error-alert';
import { EventsTable } from '../components/events-table';
import { Loading, Page } from '../components/page';

import { useAction, useLoad } from '../hooks';
import { Link, useRouter } from '../router';
import { isAdmin, useMe } from '../session';
import { CredentialSettingsForm } from './credential-settings';
import { CredentialUsage } from './credential-usage';

const STALE_EXPLANATION =
  'This credential was changed after you opened it (in another tab, or by a Developer Admin of your organization). The latest version is shown now: review it and save again.';

interface Props {
  credentialId: string;
  /** Where the credential is listed: your own credentials, or a member's (for Developer Admins). */
  back: { href: string; label: string };
}

export function CredentialDetailPage({ credentialId, back }: Props) {
  const { navigate } = useRouter();
  const path = `/credentials/${encodeURIComponent(credentialId)}`;
  const [credential, setCredential] = useState<Credential | null>(null);
  const [etag, setEtag] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [formKey, setFormKey] = useState(0);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [staleNotice, setStaleNotice] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState('');
  const [dialog, setDialog] = useState<'revoke' | 'delete' | null>(null);
  const dialogAction = useAction();
  const [reason, setReason] = useState('');
  const history = useLoad((signal) => getAll<HistoryEntry>(`${path}/history`, signal), [path]);
  // Apps of other organizations need a justification (and an admin's approval) under an approval policy.
  const approval = useLoad(
    (signal) =>
      Promise.all([get<Policy>('/organization/policy', signal), get<{ name: string }>('/organization', signal)])
        .then(([policy, organization]) => (policy.thirdPartyApps === 'approval' ? { organizationName: organization.name } : null))
        .catch(() => null),
    [],
  );

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const result = await request<Credential>('GET', path);
      setCredential(result.data);
      setEtag(result.etag ?? `"${result.data.revision}"`);
      setLoadError(null);
      setFormKey((k) => k + 1);
    } catch (e) {
      setLoadError(e);
    } finally {
      setLoading(false);
    }
  }, [path]);

  useEffect(() => {
    void load();
  }, [load]);

  /** Every write answers with the new state: show it, remember its revision, refresh the history. */
  const applied = (next: Credential, message: string) => {
    setCredential(next);
    setEtag(`"${next.revision}"`);
    setStatus(message);
    void history.reload();
  };

  const save = async (changes: Record<string, unknown>) => {
    setSaveError(null);
    setStaleNotice(undefined);
    setStatus('');
    try {
      const result = await patch<Credential>(path, changes, etag);
      applied(result.data, 'Your changes were saved.');
      setFormKey((k) => k + 1);
    } catch (e) {
      setSaveError(e);
      if (isApiError(e) && e.status === 412) {
        setStaleNotice(STALE_EXPLANATION);
        await load();
        void history.reload();
      }
    }
  };

  const confirm = () =>
    dialogAction.run(async () => {
      if (dialog === 'revoke') {
        const revoked = await post<Credential>(`${path}/revoke`, reason.trim() ? { reason: reason.trim() } : {});
        applied(revoked, 'The credential was revoked. Apps can no longer use it.');
        setDialog(null);
      } else if (dialog === 'delete') {
        await del(path);
        setDialog(null);
        navigate(back.href);
      }
    });

  const closeDialog = () => {
    setDialog(null);
    dialogAction.setError(null);
    setReason('');
  };

  const title = credential ? credential.label : 'Credential';
  const me = useMe();
  return (
    <Page title={title} busy={loading}>
      <p class="breadcrumb">
        <Link href={back.href}>← {back.label}</Link>
      </p>
      <ErrorAlert error={loadError} />
      {loading && !credential ? <Loading what="Loading the credential" /> : null}
      {credential ? (
        <>
          <dl class="facts">
            <div>
              <dt>Credential ID</dt>
              <dd class="id-value">
                <code title="The JWT's jti claim">{credential.id}</code> <CopyButton value={credential.id} label="Copy credential ID" />
              </dd>
            </div>
            <div>
              <dt>Status</dt>
              <dd>
                <StatusBadge status={credential.status} />
              </dd>
            </div>
            <div>
              <dt>Environment</dt>
              <dd>
                <EnvironmentBadge environment={credential.environment} />
              </dd>
            </div>
            <div>
              <dt>Owner</dt>
              <dd>{credential.ownerId === me.id ? `You (${credential.ownerEmail})` : credential.ownerEmail}</dd>
            </div>
            <div>
              <dt>Created</dt>
              <dd>
                <DateTime value={credential.createdAt} />
              </dd>
            </div>
            <div>
              <dt>Expires</dt>
              <dd>
                <DateTime value={credential.expiresAt} empty="Never" />
              </dd>
            </div>
            <div>
              <dt>Last used</dt>
              <dd>
                <DateTime value={credential.lastUsedAt} empty="Never" />
              </dd>
            </div>
            <div>
              <dt>Allowed addresses</dt>
              <dd>{credential.allowedAddresses.length > 0 ? credential.allowedAddresses.join(', ') : 'Any address'}</dd>
            </div>
            {credential.revokedAt ? (
              <div>
                <dt>Revoked</dt>
                <dd>
                  <DateTime value={credential.revokedAt} />
                  {credential.revocationReason ? ` ${REVOCATION_REASON_LABELS[credential.revocationReason]}` : ''}
                </dd>
              </div>
            ) : null}
          </dl>
          <p class="notice" role="status">
            {status}
          </p>
          {credential.status === 'pending_approval' ? (
            <p class="callout callout-info">
              <strong>Pending approval.</strong> Every app of this credential belongs to another organization and waits for a Developer Admin’s
              approval: the token endpoint refuses it until then.
            </p>
          ) : null}

          {credential.status === 'revoked' ? (
            <p class="callout callout-info">This credential is revoked: the token endpoint refuses it, and it can no longer be changed.</p>
          ) : (
            <CredentialSettingsForm
              key={formKey}
              credential={credential}
              error={saveError}
              explanation={staleNotice}
              onSave={save}
              approval={approval.data}
              onAddApp={async (app, justification) => {
                const result = await post<Credential>(`${path}/allowed-apps`, {
                  clientId: app.clientId,
                  ...(justification ? { justification } : {}),
                });
                const pending =
                  result.allowedApps.type === 'specific' &&
                  result.allowedApps.apps.some((a) => a.clientId === app.clientId && a.status === 'pending_approval');
                applied(result, pending ? 'The app was added: it waits for a Developer Admin’s approval.' : 'The app was added.');
              }}
              onRemoveApp={async (clientId) => {
                const result = await request<Credential>('DELETE', `${path}/allowed-apps/${encodeURIComponent(clientId)}`);
                applied(result.data, 'The app was removed.');
              }}
            />
          )}

          <CredentialUsage credential={credential} />

          <section class="card danger-zone" aria-labelledby="credential-actions">
            <h2 id="credential-actions">Revoke or delete</h2>
            <p>
              Revoking stops the credential from working at once, and ends the sessions apps opened with it; it stays listed. Deleting revokes it and
              removes it from the list. Its history is kept either way.
            </p>
            <div class="button-row">
              {credential.status !== 'revoked' ? (
                <button type="button" class="danger" onClick={() => setDialog('revoke')}>
                  Revoke
                </button>
              ) : null}
              <button type="button" class="danger-outline" onClick={() => setDialog('delete')}>
                Delete
              </button>
            </div>
          </section>
        </>
      ) : null}

      <section class="card" aria-labelledby="credential-history" aria-busy={history.loading ? 'true' : 'false'}>
        <h2 id="credential-history">History</h2>
        {isAdmin(me) ? (
          <p>
            <Link href={auditLogHref({ credentialId })}>See in the audit log</Link>
          </p>
        ) : null}
        <ErrorAlert error={history.error} />
        {history.loading && !history.data ? <Loading what="Loading the history" /> : null}
        {history.data && history.data.length === 0 ? <p class="empty">Nothing has happened to this credential yet.</p> : null}
        {history.data && history.data.length > 0 ? (
          <EventsTable entries={[...history.data].reverse()} caption="Everything that happened to this credential, newest first" />
        ) : null}
      </section>

      <ConfirmDialog
        open={dialog === 'revoke'}
        title="Revoke this credential?"
        confirmLabel="Revoke"
        danger
        busy={dialogAction.busy}
        error={dialogAction.error}
        onConfirm={confirm}
        onCancel={closeDialog}
      >
        <p>
          Apps will no longer be able to use “{credential?.label}”, and access tokens issued with it stop working immediately. This cannot be undone.
        </p>
        <div class="field">
          <label for="revoke-reason">Reason (optional)</label>
          <input id="revoke-reason" maxLength={500} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
        </div>
      </ConfirmDialog>
      <ConfirmDialog
        open={dialog === 'delete'}
        title="Delete this credential?"
        confirmLabel="Delete"
        danger
        busy={dialogAction.busy}
        error={dialogAction.error}
        onConfirm={confirm}
        onCancel={closeDialog}
      >
        <p>“{credential?.label}” will be revoked and removed from the list. Its history is kept for auditing. This cannot be undone.</p>
      </ConfirmDialog>
    </Page>
  );
}
