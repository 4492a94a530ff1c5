import { DomainError } from '@latchkey/building-blocks';
import type { Decider } from '@latchkey/event-store';
import type { KeyStatus } from '../../contracts/keys.contracts';
import type { SealedSecret } from '../../shared/sealing/sealed-secret';
import type { KeyActivated, KeyCreated, KeyMaterial, KeyRingEvent } from './key-ring.events';
import { activeIn, type KeyRingState, slotOf } from './key-ring.state';

export type KeyRingCommand =
  /** First start (and any start that finds a slot empty): each candidate becomes active where its slot has no active key. */
  | { type: 'EnsureKeys'; candidates: KeyMaterial[]; at: string }
  /** Keys of an earlier version's key files, with their kids and statuses; kids already in the ring are skipped. */
  | { type: 'ImportKeys'; keys: (KeyMaterial & { status: KeyStatus; createdAt: string })[]; at: string }
  | { type: 'RotateKeys'; keys: KeyMaterial[]; at: string }
  | { type: 'RetireKey'; kid: string; at: string }
  /** `keys` must hold every key of the ring, sealed under the new master key. */
  | { type: 'ResealKeyRing'; masterKeyId: string; keys: { kid: string; sealed: SealedSecret }[]; at: string };

/**
 * The key ring: signing keys per environment and purpose and the refresh tokens' MAC key. Exactly
 * one key per slot is active; every key is sealed under the same master key, and a command
 * carrying keys sealed under another one is refused (it would make keys no instance can open).
 */
export const keyRingDecider: Decider<KeyRingState, KeyRingCommand, KeyRingEvent> = {
  initialState: () => ({ keys: [], masterKeyId: null }),

  evolve(state, event) {
    switch (event.type) {
      case 'KeyCreated': {
        const { createdAt, origin: _origin, ...material } = event.data;
        return {
          keys: [...state.keys, { ...material, createdAt, status: 'previous' }],
          masterKeyId: state.masterKeyId ?? material.sealed.masterKeyId,
        };
      }
      case 'KeyActivated': {
        const slot = slotOf(event.data);
        return {
          ...state,
          keys: state.keys.map((k) =>
            k.kid === event.data.kid ? { ...k, status: 'active' } : k.status === 'active' && slotOf(k) === slot ? { ...k, status: 'previous' } : k,
          ),
        };
      }
      case 'KeyRetired':
        return { ...state, keys: state.keys.map((k) => (k.kid === event.data.kid ? { ...k, status: 'retired' } : k)) };
      case 'KeyRingResealed': {
        const sealed = new Map(event.data.keys.map((k) => [k.kid, k.sealed]));
        return { masterKeyId: event.data.masterKeyId, keys: state.keys.map((k) => ({ ...k, sealed: sealed.get(k.kid) ?? k.sealed })) };
      }
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'EnsureKeys': {
        assertSealedUnder(state, command.candidates);
        const events: KeyRingEvent[] = [];
        const filled = new Set<string>();
        for (const candidate of command.candidates) {
          const slot = slotOf(candidate);
          if (filled.has(slot) || activeIn(state, slot)) continue;
          assertNewKid(state, candidate.kid);
          filled.add(slot);
          events.push(created(candidate, command.at, 'generated'), activated(candidate, null, command.at));
        }
        return events;
      }
      case 'ImportKeys': {
        assertSealedUnder(state, command.keys);
        const known = new Set(state.keys.map((k) => k.kid));
        const events: KeyRingEvent[] = [];
        const filled = new Set<string>();
        for (const { status, createdAt, ...material } of command.keys) {
          if (known.has(material.kid)) continue;
          known.add(material.kid);
          events.push(created(material, createdAt, 'imported'));
          const slot = slotOf(material);
          if (status === 'active' && !filled.has(slot) && !activeIn(state, slot)) {
            filled.add(slot);
            events.push(activated(material, null, command.at));
          }
          if (status === 'retired') events.push(retired(material, command.at));
        }
        return events;
      }
      case 'RotateKeys': {
        assertSealedUnder(state, command.keys);
        const slots = command.keys.map(slotOf);
        if (new Set(slots).size !== slots.length) throw new DomainError('validation', 'DUPLICATE_SLOT', 'A rotation makes one new key per slot');
        return command.keys.flatMap((key) => {
          assertNewKid(state, key.kid);
          return [created(key, command.at, 'generated'), activated(key, activeIn(state, slotOf(key))?.kid ?? null, command.at)];
        });
      }
      case 'RetireKey': {
        const key = state.keys.find((k) => k.kid === command.kid);
        if (!key) throw new DomainError('not-found', 'KEY_NOT_FOUND', `No key ${command.kid}`);
        if (key.status === 'active') throw new DomainError('precondition', 'KEY_ACTIVE', `Key ${command.kid} is active; rotate first`);
        if (key.status === 'retired') return [];
        return [retired(key, command.at)];
      }
      case 'ResealKeyRing': {
        if (state.masterKeyId === null) throw new DomainError('precondition', 'KEY_RING_EMPTY', 'The key ring has no keys to seal again');
        const given = new Set(command.keys.map((k) => k.kid));
        if (given.size !== state.keys.length || state.keys.some((k) => !given.has(k.kid))) {
          throw new DomainError('conflict', 'KEY_RING_CHANGED', 'The key ring changed while it was being sealed again; run the command again');
        }
        if (command.keys.some((k) => k.sealed.masterKeyId !== command.masterKeyId)) {
          throw new DomainError('validation', 'MIXED_MASTER_KEYS', 'Every key must be sealed under the new master key');
        }
        if (command.masterKeyId === state.masterKeyId) {
          throw new DomainError('validation', 'SAME_MASTER_KEY', 'The new master key is the one in use');
        }
        return [
          {
            type: 'KeyRingResealed',
            data: { previousMasterKeyId: state.masterKeyId, masterKeyId: command.masterKeyId, keys: command.keys, resealedAt: command.at },
          },
        ];
      }
    }
  },
};

function assertSealedUnder(state: KeyRingState, keys: readonly KeyMaterial[]): void {
  const expected = state.masterKeyId ?? keys[0]?.sealed.masterKeyId;
  if (keys.some((k) => k.sealed.masterKeyId !== expected)) {
    throw new DomainError('precondition', 'MASTER_KEY_MISMATCH', `The key ring is sealed under master key ${state.masterKeyId ?? expected}`);
  }
}

function assertNewKid(state: KeyRingState, kid: string): void {
  if (state.keys.some((k) => k.kid === kid)) throw new DomainError('conflict', 'KEY_EXISTS', `Key ${kid} already exists`);
}

function created(key: KeyMaterial, createdAt: string, origin: 'generated' | 'imported'): KeyCreated {
  const { kid, purpose, environment, alg, publicJwk, sealed } = key;
  return { type: 'KeyCreated', data: { kid, purpose, environment, alg, publicJwk, sealed, createdAt, origin } };
}

function activated(key: KeyMaterial, previousKid: string | null, activatedAt: string): KeyActivated {
  return { type: 'KeyActivated', data: { kid: key.kid, purpose: key.purpose, environment: key.environment, previousKid, activatedAt } };
}

function retired(key: Pick<KeyMaterial, 'kid' | 'purpose' | 'environment'>, retiredAt: string): KeyRingEvent {
  return { type: 'KeyRetired', data: { kid: key.kid, purpose: key.purpose, environment: key.environment, retiredAt } };
}
