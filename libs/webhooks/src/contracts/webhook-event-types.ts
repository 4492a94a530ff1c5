/**
 * The webhook event types an endpoint may subscribe to (API.md, "Webhooks"). Those marked as not
 * yet sent are accepted in a filter so that subscriptions can be written now; the features that
 * produce them (usage by a new app, credential requests) add their
 * mapping in `reactions/webhook-messages.ts`.
 */
export const WEBHOOK_EVENT_TYPES = [
  'credential.created',
  'credential.updated',
  'credential.revoked',
  'credential.deleted',
  'credential.expiring',
  'credential.expired',
  'credential.inactive',
  'credential.used_by_new_app',
  'credential.leak_reported',
  'credential.request.created',
  'credential.request.approved',
  'credential.request.denied',
  'member.joined',
  'member.role_changed',
  'member.removed',
  'app.secret_rotated',
  'api_token.created',
  'api_token.revoked',
  'webhook.test',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Every type, present and future. */
export const ALL_WEBHOOK_EVENTS = '*';
