import { useState } from 'preact/hooks';
import { post } from '../api';
import { type WebhookDelivery, webhookPath } from '../webhooks';
import { CardTable } from './card-table';
import { DateTime } from './date-time';
import { ErrorAlert } from './error-alert';

const STATUS_LABELS: Record<WebhookDelivery['status'], string> = { pending: 'Pending', succeeded: 'Succeeded', failed: 'Failed' };
const STATUS_BADGES: Record<WebhookDelivery['status'], string> = { pending: 'badge', succeeded: 'badge badge-active', failed: 'badge badge-revoked' };

/** An endpoint's deliveries, newest first: each message's latest attempt, and Redeliver (same `webhook-id`). */
export function WebhookDeliveriesTable({
  webhookId,
  deliveries,
  onRedelivered,
}: {
  webhookId: string;
  deliveries: WebhookDelivery[];
  onRedelivered(): void;
}) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState('');

  const redeliver = async (delivery: WebhookDelivery) => {
    setBusy(delivery.id);
    setError(null);
    setDone('');
    try {
      await post(`${webhookPath(webhookId)}/deliveries/${encodeURIComponent(delivery.id)}/redeliver`);
      setDone(`${delivery.type} queued for redelivery.`);
      onRedelivered();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <ErrorAlert error={error} />
      <p class="notice" role="status">
        {done}
      </p>
      <div class="table-wrap">
        <CardTable class="deliveries">
          <caption class="visually-hidden">Deliveries to this endpoint, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Type</th>
              <th scope="col">Attempt</th>
              <th scope="col">Status</th>
              <th scope="col">Response</th>
              <th scope="col">Duration</th>
              <th scope="col">Time</th>
              <th scope="col">Next attempt</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {deliveries.map((d) => (
              <tr key={d.id}>
                <th scope="row">
                  <code>{d.type}</code>
                  <div class="mono small-text" title="webhook-id">
                    {d.messageId}
                  </div>
                </th>
                <td>{d.attempt}</td>
                <td>
                  <span class={STATUS_BADGES[d.status]}>{STATUS_LABELS[d.status]}</span>
                </td>
                <td>{d.responseStatus ?? '—'}</td>
                <td>{d.durationMs === null ? '—' : `${d.durationMs} ms`}</td>
                <td>
                  <DateTime value={d.at} />
                </td>
                <td>
                  <DateTime value={d.nextAttemptAt} />
                </td>
                <td>
                  <button
                    type="button"
                    class="small"
                    disabled={busy !== null}
                    onClick={() => void redeliver(d)}
                    aria-label={`Redeliver ${d.type} (${d.messageId})`}
                  >
                    {busy === d.id ? 'Redelivering…' : 'Redeliver'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </CardTable>
      </div>
    </>
  );
}
