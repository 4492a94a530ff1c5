import { useEffect, useState } from 'preact/hooks';
import { del, get, patch, post } from '../api';
import { ConfirmDialog } from '../components/dialog';
import { DateTime } from '../components/date-time';
import { ErrorAlert } from '../components/error-alert';
import { FieldErrorsProvider, useFieldErrors } from '../components/field-errors';
import { OrganizationTabs } from '../components/organization-tabs';
import { Loading, Page } from '../components/page';
import { SecretShownOnce } from '../components/secret-shown-once';
import { SecretValue } from '../components/secret-value';
import { WebhookDeliveriesTable } from '../components/webhook-deliveries-table';
import { WebhookFormFields, type WebhookFields } from '../components/webhook-form';
import { useAction, useLoad, usePagedList } from '../hooks';
import { Link, useRouter } from '../router';
import { eventsLabel, type Webhook, type WebhookDelivery, webhookPath } from '../webhooks';

/** While a delivery is pending, the table is read again this often. */
const REFRESH_MS = 2_000;

const fieldsOf = (hook: Webhook): WebhookFields => ({ url: hook.url, events: hook.events, description: hook.description ?? '' });

/**
 * One webhook endpoint: its settings (edit, enable or disable), a test message, a new signing
 * secret (shown once), deletion, and its deliveries with Redeliver.
 */
export function WebhookPage({ webhookId }: { webhookId: string }) {
  const { navigate } = useRouter();
  const hook = useLoad((signal) => get<Webhook>(webhookPath(webhookId), signal), [webhookId]);
  const deliveries = usePagedList<WebhookDelivery>(`${webhookPath(webhookId)}/deliveries`);
  const [editing, setEditing] = useState<WebhookFields | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<'rotate' | 'delete' | null>(null);
  const [notice, setNotice] = useState('');
  const save = useAction();
  const action = useAction();
  const fieldErrors = useFieldErrors(save.error, ['url', 'description']);

  const pending = deliveries.items?.some((d) => d.status === 'pending') ?? false;
  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(() => void deliveries.reload(), REFRESH_MS);
    return () => clearTimeout(timer);
  }, [pending, deliveries.items]);

  const submit = (event: Event) => {
    event.preventDefault();
    if (!editing) return;
    void save.run(async () => {
      const { data } = await patch<Webhook>(webhookPath(webhookId), {
        url: editing.url.trim(),
        events: editing.events,
        description: editing.description.trim() || null,
      });
      hook.set(data);
      setEditing(null);
      setNotice('Endpoint saved.');
    });
  };
  const setStatus = (status: Webhook['status']) =>
    void action.run(async () => {
      const { data } = await patch<Webhook>(webhookPath(webhookId), { status });
      hook.set(data);
      setNotice(status === 'enabled' ? 'Endpoint enabled: messages are sent again.' : 'Endpoint disabled: nothing is sent to it.');
    });
  const sendTest = () =>
    void action.run(async () => {
      await post(`${webhookPath(webhookId)}/test`);
      setNotice('Test message queued: it appears below as webhook.test.');
      await deliveries.reload();
    });
  const confirm = () =>
    void action.run(async () => {
      if (confirming === 'rotate') {
        setSecret((await post<{ secret: string }>(`${webhookPath(webhookId)}/secret`)).secret);
        setConfirming(null);
      } else if (confirming === 'delete') {
        await del(webhookPath(webhookId));
        setConfirming(null);
        navigate('/organization/webhooks');
      }
    });

  const data = hook.data;
  return (
    <Page title={data ? data.description || 'Webhook endpoint' : 'Webhook endpoint'} busy={hook.loading || save.busy || action.busy}>
      <OrganizationTabs current="webhooks" />
      <p>
        <Link href="/organization/webhooks">← All endpoints</Link>
      </p>
      <ErrorAlert error={hook.error} />
      {hook.loading && !data ? <Loading what="Loading the endpoint" /> : null}
      {secret ? (
        <SecretShownOnce
          title="New signing secret"
          instruction="Copy the new secret now."
          explanation="It is shown only once. For 24 hours messages carry signatures with both the old and the new secret, so your endpoint can switch over."
          done={{ label: 'Done', onClick: () => setSecret(null) }}
        >
          <SecretValue label="Signing secret" value={secret} />
        </SecretShownOnce>
      ) : null}
      <p class="notice" role="status">
        {notice}
      </p>
      {data ? (
        <>
          <section class="card" aria-labelledby="endpoint-settings">
            <h2 id="endpoint-settings">Endpoint</h2>
            {editing ? (
              <FieldErrorsProvider value={fieldErrors}>
                <form class="form" onSubmit={submit} aria-busy={save.busy ? 'true' : 'false'}>
                  <WebhookFormFields idPrefix="edit-webhook" value={editing} onChange={setEditing} />
                  <ErrorAlert error={save.error} />
                  <div class="button-row">
                    <button type="submit" class="primary" disabled={save.busy || editing.events.length === 0}>
                      {save.busy ? 'Saving…' : 'Save'}
                    </button>
                    <button
                      type="button"
                      onClick={() => {
                        setEditing(null);
                        save.setError(null);
                      }}
                    >
                      Cancel
                    </button>
                  </div>
                </form>
              </FieldErrorsProvider>
            ) : (
              <>
                <dl class="facts">
                  <dt>URL</dt>
                  <dd class="mono">{data.url}</dd>
                  <dt>Events</dt>
                  <dd>{eventsLabel(data.events)}</dd>
                  <dt>Description</dt>
                  <dd>{data.description ?? '—'}</dd>
                  <dt>Status</dt>
                  <dd>
                    <span class={data.status === 'enabled' ? 'badge badge-active' : 'badge badge-revoked'}>
                      {data.status === 'enabled' ? 'Enabled' : 'Disabled'}
                    </span>
                    {data.disabledReason ? <span class="status-note"> {data.disabledReason}</span> : null}
                  </dd>
                  <dt>Added</dt>
                  <dd>
                    <DateTime value={data.createdAt} />
                  </dd>
                </dl>
                <ErrorAlert error={action.error} />
                <div class="button-row">
                  <button type="button" onClick={() => setEditing(fieldsOf(data))}>
                    Edit
                  </button>
                  {data.status === 'enabled' ? (
                    <button type="button" onClick={() => setStatus('disabled')} disabled={action.busy}>
                      Disable
                    </button>
                  ) : (
                    <button type="button" onClick={() => setStatus('enabled')} disabled={action.busy}>
                      Enable
                    </button>
                  )}
                  <button type="button" onClick={sendTest} disabled={action.busy}>
                    Send test message
                  </button>
                  <button type="button" onClick={() => setConfirming('rotate')} disabled={action.busy}>
                    Rotate secret
                  </button>
                  <button type="button" class="danger" onClick={() => setConfirming('delete')} disabled={action.busy}>
                    Delete
                  </button>
                </div>
              </>
            )}
          </section>
          <section aria-labelledby="deliveries-heading">
            <div class="section-head">
              <h2 id="deliveries-heading">Deliveries</h2>
              <button type="button" class="small" onClick={() => void deliveries.reload()}>
                Refresh
              </button>
            </div>
            <ErrorAlert error={deliveries.error} />
            {deliveries.loading && !deliveries.items ? <Loading what="Loading the deliveries" /> : null}
            {deliveries.items?.length === 0 ? (
              <div class="empty-state">
                <p class="empty">Nothing has been sent to this endpoint yet.</p>
                <button type="button" class="primary" onClick={sendTest} disabled={action.busy}>
                  Send test message
                </button>
              </div>
            ) : null}
            {deliveries.items?.length ? (
              <WebhookDeliveriesTable webhookId={webhookId} deliveries={deliveries.items} onRedelivered={() => void deliveries.reload()} />
            ) : null}
            {deliveries.hasMore ? (
              <div class="button-row">
                <button type="button" onClick={() => void deliveries.loadMore()} disabled={deliveries.loadingMore}>
                  {deliveries.loadingMore ? 'Loading…' : 'Load more'}
                </button>
              </div>
            ) : null}
          </section>
        </>
      ) : null}
      <ConfirmDialog
        open={confirming !== null}
        title={confirming === 'delete' ? 'Delete this endpoint?' : 'Rotate the signing secret?'}
        confirmLabel={confirming === 'delete' ? 'Delete endpoint' : 'Rotate secret'}
        danger={confirming === 'delete'}
        busy={action.busy}
        error={confirming ? action.error : null}
        onConfirm={confirm}
        onCancel={() => {
          setConfirming(null);
          action.setError(null);
        }}
      >
        {confirming === 'delete' ? (
          <p>Nothing more is sent to {data?.url}, queued deliveries included. This cannot be undone.</p>
        ) : (
          <p>A new secret is made and shown once. For 24 hours messages are signed with both secrets; after that only the new one works.</p>
        )}
      </ConfirmDialog>
    </Page>
  );
}
