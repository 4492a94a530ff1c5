import { useState } from 'preact/hooks';
import { get, post } from '../api';
import { DateTime } from '../components/date-time';
import { ErrorAlert } from '../components/error-alert';
import { FieldErrorsProvider, useFieldErrors } from '../components/field-errors';
import { OrganizationTabs } from '../components/organization-tabs';
import { Loading, Page } from '../components/page';
import { SecretShownOnce } from '../components/secret-shown-once';
import { SecretValue } from '../components/secret-value';
import { WebhookFormFields, type WebhookFields } from '../components/webhook-form';
import { useAction, useLoad } from '../hooks';
import { Link } from '../router';
import { ALL_EVENTS, type CreatedWebhook, eventsLabel, type Webhook, webhookHref, webhooksPath } from '../webhooks';

const EMPTY: WebhookFields = { url: '', events: [ALL_EVENTS], description: '' };

/**
 * The organization's webhook endpoints: the list (each links to its page with its deliveries), and
 * a form to add one, whose signing secret is shown once with a Copy button.
 */
export function WebhooksPage() {
  const webhooks = useLoad((signal) => get<{ items: Webhook[] }>(webhooksPath, signal).then((r) => r.items), []);
  const [fields, setFields] = useState<WebhookFields>(EMPTY);
  const [formOpen, setFormOpen] = useState(false);
  const [created, setCreated] = useState<CreatedWebhook | null>(null);
  const creation = useAction();
  const fieldErrors = useFieldErrors(creation.error, ['url', 'description']);

  const submit = (event: Event) => {
    event.preventDefault();
    void creation.run(async () => {
      const body = { url: fields.url.trim(), events: fields.events, description: fields.description.trim() || null };
      setCreated(await post<CreatedWebhook>(webhooksPath, body));
      setFields(EMPTY);
      setFormOpen(false);
      await webhooks.reload();
    });
  };
  const openForm = () => {
    setFormOpen(true);
    requestAnimationFrame(() => document.getElementById('webhook-url')?.focus());
  };

  const form = (
    <section class="card" aria-labelledby="new-webhook">
      <h2 id="new-webhook">Add an endpoint</h2>
      <FieldErrorsProvider value={fieldErrors}>
        <form class="form" onSubmit={submit} aria-busy={creation.busy ? 'true' : 'false'}>
          <WebhookFormFields idPrefix="webhook" value={fields} onChange={setFields} />
          <ErrorAlert error={creation.error} />
          <div class="button-row">
            <button type="submit" class="primary" disabled={creation.busy || fields.events.length === 0}>
              {creation.busy ? 'Adding…' : 'Add endpoint'}
            </button>
          </div>
        </form>
      </FieldErrorsProvider>
    </section>
  );

  const empty = webhooks.data?.length === 0;
  return (
    <Page title="Webhooks" busy={webhooks.loading || creation.busy}>
      <OrganizationTabs current="webhooks" />
      <p class="lead">
        Latchkey sends signed messages (Standard Webhooks) to your endpoints when credentials, members, apps and tokens change, and 7 days and 1 day
        before a credential expires.
      </p>
      {created ? (
        <SecretShownOnce
          title="Endpoint added"
          instruction="Copy the signing secret now."
          explanation="It is shown only once. Your endpoint uses it to check the webhook-signature header of every message."
          done={{ label: 'Done', onClick: () => setCreated(null) }}
          actions={<Link href={webhookHref(created.id)}>Open the endpoint</Link>}
        >
          <SecretValue label="Signing secret" value={created.secret} />
        </SecretShownOnce>
      ) : null}
      <ErrorAlert error={webhooks.error} />
      {webhooks.loading && !webhooks.data ? <Loading what="Loading the endpoints" /> : null}
      {empty && !formOpen ? (
        <div class="empty-state">
          <p class="empty">No webhook endpoints yet.</p>
          <button type="button" class="primary" onClick={openForm}>
            Add your first endpoint
          </button>
        </div>
      ) : null}
      {webhooks.data && !empty ? (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Webhook endpoints of the organization</caption>
            <thead>
              <tr>
                <th scope="col">Endpoint</th>
                <th scope="col">Events</th>
                <th scope="col">Status</th>
                <th scope="col">Added</th>
              </tr>
            </thead>
            <tbody>
              {webhooks.data.map((hook) => (
                <tr key={hook.id}>
                  <th scope="row">
                    <Link href={webhookHref(hook.id)}>{hook.description || hook.url}</Link>
                    {hook.description ? <div class="mono small-text">{hook.url}</div> : null}
                  </th>
                  <td>{eventsLabel(hook.events)}</td>
                  <td>
                    <span class={hook.status === 'enabled' ? 'badge badge-active' : 'badge badge-revoked'}>
                      {hook.status === 'enabled' ? 'Enabled' : 'Disabled'}
                    </span>
                  </td>
                  <td>
                    <DateTime value={hook.createdAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {webhooks.data && (!empty || formOpen) ? form : null}
    </Page>
  );
}
