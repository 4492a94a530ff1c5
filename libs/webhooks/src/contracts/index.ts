export * from './webhook-event-types';
export * from './webhooks-settings';
