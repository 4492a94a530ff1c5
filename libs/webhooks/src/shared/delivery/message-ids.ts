import { createHash, randomBytes } from 'node:crypto';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64url').slice(0, 24);

/** The `webhook-id` of the message a recorded event becomes: the same for every endpoint, every attempt and every instance. */
export const messageIdOf = (eventId: string, type: string): string => `msg_${digest(`${eventId}\n${type}`)}`;

/** One message for one endpoint: queued once, whichever instance queues it first. */
export const deliveryIdOf = (messageId: string, webhookId: string): string => `whd_${digest(`${messageId}\n${webhookId}`)}`;

/** A message of no recorded event (a `webhook.test`). */
export const newMessageId = (): string => `msg_${randomBytes(18).toString('base64url')}`;
