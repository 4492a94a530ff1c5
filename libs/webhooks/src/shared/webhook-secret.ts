/** What a webhook's sealed secret is bound to: it opens for this endpoint only. */
export const secretContext = (webhookId: string): string => `webhook:${webhookId}`;
