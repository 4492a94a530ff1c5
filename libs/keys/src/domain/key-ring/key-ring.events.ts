import { type Environment } from '@latchkey/building-blocks';
import type { DomainEvent } from '@latchkey/event-store';
import type { KeyRingPurpose, MAC_ALGORITHM, SIGNING_ALGORITHM } from '../../contracts/keys.contracts';
import type { SealedSecret } from '../../shared/sealing/sealed-secret';

/** The public half of a signing key (P-256); null for a MAC key, which has none. */
export type PublicKeyJwk = {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
};

/** A key as it enters the ring: its private material sealed under the master key. */
export type KeyMaterial = {
  kid: string;
  purpose: KeyRingPurpose;
  environment: Environment | null;
  alg: typeof SIGNING_ALGORITHM | typeof MAC_ALGORITHM;
  publicJwk: PublicKeyJwk | null;
  sealed: SealedSecret;
};

/** `origin`: made by the ring, or imported from a key file of an earlier version (`createdAt` is then the file's). */
export type KeyCreated = DomainEvent<'KeyCreated', KeyMaterial & { createdAt: string; origin: 'generated' | 'imported' }>;
/** The key signs from now on; the slot's former active key becomes `previous` and keeps verifying. */
export type KeyActivated = DomainEvent<
  'KeyActivated',
  { kid: string; purpose: KeyRingPurpose; environment: Environment | null; previousKid: string | null; activatedAt: string }
>;
/** The key verifies nothing from now on. */
export type KeyRetired = DomainEvent<'KeyRetired', { kid: string; purpose: KeyRingPurpose; environment: Environment | null; retiredAt: string }>;
/** Every key sealed again, under another master key. */
export type KeyRingResealed = DomainEvent<
  'KeyRingResealed',
  { previousMasterKeyId: string; masterKeyId: string; keys: { kid: string; sealed: SealedSecret }[]; resealedAt: string }
>;

export type KeyRingEvent = KeyCreated | KeyActivated | KeyRetired | KeyRingResealed;

export const KEY_RING_EVENT_TYPES = [
  'KeyCreated',
  'KeyActivated',
  'KeyRetired',
  'KeyRingResealed',
] as const satisfies readonly KeyRingEvent['type'][];
