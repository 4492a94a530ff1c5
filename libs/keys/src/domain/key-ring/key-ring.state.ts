import { type Environment } from '@latchkey/building-blocks';
import type { KeyRingPurpose, KeyStatus } from '../../contracts/keys.contracts';
import type { KeyMaterial } from './key-ring.events';

export interface RingKey extends KeyMaterial {
  status: KeyStatus;
  createdAt: string;
}

export interface KeyRingState {
  /** In the order they were created. */
  keys: RingKey[];
  /** The master key every key is sealed under; null while the ring is empty. */
  masterKeyId: string | null;
}

/** One active key per slot: a signing purpose in an environment, or the MAC key (no environment). */
export const slotOf = (key: { purpose: KeyRingPurpose; environment: Environment | null }): string => `${key.purpose}/${key.environment ?? '*'}`;

export const activeIn = (state: KeyRingState, slot: string): RingKey | undefined =>
  state.keys.find((k) => k.status === 'active' && slotOf(k) === slot);
