/** The console's view of the Webhooks API (API.md, "Webhooks"). */

/** The event types an endpoint may receive, grouped as the form shows them, each with what it means. */
export const WEBHOOK_EVENT_GROUPS: { label: string; types: [string, string][] }[] = [
  {
    label: 'Credentials',
    types: [
      ['credential.created', 'Created'],
      ['credential.updated', 'Changed'],
      ['credential.revoked', 'Revoked'],
      ['credential.deleted', 'Deleted'],
      ['credential.expiring', 'Expiring (7 days and 1 day before)'],
      ['credential.expired', 'Expired'],
      ['credential.inactive', 'Inactivity notice'],
      ['credential.used_by_new_app', 'Used by a new app'],
      ['credential.leak_reported', 'Reported leaked'],
      ['credential.request.created', 'Approval requested'],
      ['credential.request.approved', 'Request approved'],
      ['credential.request.denied', 'Request denied'],
    ],
  },
  {
    label: 'Members',
    types: [
      ['member.joined', 'Joined'],
      ['member.role_changed', 'Role changed'],
      ['member.removed', 'Removed'],
    ],
  },
  {
    label: 'Apps and tokens',
    types: [
      ['app.secret_rotated', 'App secret rotated'],
      ['api_token.created', 'API token created'],
      ['api_token.revoked', 'API token revoked'],
    ],
  },
];

/** Every type, present and future. */
export const ALL_EVENTS = '*';

export interface Webhook {
  id: string;
  url: string;
  /** Event types, or `["*"]` for all. */
  events: string[];
  description: string | null;
  status: 'enabled' | 'disabled';
  disabledReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CreatedWebhook extends Webhook {
  /** `whsec_…`, shown only in this answer. */
  secret: string;
}

export interface WebhookDelivery {
  id: string;
  messageId: string;
  type: string;
  attempt: number;
  status: 'pending' | 'succeeded' | 'failed';
  responseStatus: number | null;
  durationMs: number | null;
  at: string | null;
  nextAttemptAt: string | null;
}

export const webhooksPath = '/organization/webhooks';
export const webhookPath = (id: string) => `${webhooksPath}/${encodeURIComponent(id)}`;
export const webhookHref = (id: string) => `/organization/webhooks/${encodeURIComponent(id)}`;

export const eventsLabel = (events: string[]): string => (events.includes(ALL_EVENTS) ? 'All events' : events.join(', '));
