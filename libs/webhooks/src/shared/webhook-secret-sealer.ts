import { DerivedKeySealer, MasterKeySealing } from '@latchkey/keys';

/**
 * Seals endpoints' signing secrets for their events, with a key derived from the master key for
 * webhooks alone: the webhooks module never holds the master key, and what it seals opens nothing
 * of another module's.
 */
export abstract class WebhookSecretSealer extends DerivedKeySealer {}

export const WEBHOOK_SECRET_SEALER_PROVIDER = {
  provide: WebhookSecretSealer,
  inject: [MasterKeySealing],
  useFactory: (sealing: MasterKeySealing): DerivedKeySealer => sealing.forPurpose('webhook secrets'),
};
