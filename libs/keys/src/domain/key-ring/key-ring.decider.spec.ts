import { deciderSpec } from '@latchkey/event-store/testing';
import type { SealedSecret } from '../../shared/sealing/sealed-secret';
import { keyRingDecider } from './key-ring.decider';
import type { KeyActivated, KeyCreated, KeyMaterial, KeyRetired } from './key-ring.events';

const at = '2026-01-01T00:00:00.000Z';
const later = '2026-02-01T00:00:00.000Z';
const sealed = (masterKeyId = 'mk-one', n = 'a'): SealedSecret => ({ alg: 'A256GCM', masterKeyId, nonce: n, ciphertext: n, tag: n });
const jwk = { kty: 'EC' as const, crv: 'P-256' as const, x: 'x', y: 'y' };
const key = (kid: string, overrides: Partial<KeyMaterial> = {}): KeyMaterial => ({
  kid,
  purpose: 'credential',
  environment: 'production',
  alg: 'ES256',
  publicJwk: jwk,
  sealed: sealed(),
  ...overrides,
});
const mac = (kid: string): KeyMaterial => key(kid, { purpose: 'refresh-token-mac', environment: null, alg: 'HS256', publicJwk: null });
const created = (material: KeyMaterial, origin: 'generated' | 'imported' = 'generated', createdAt = at): KeyCreated => ({
  type: 'KeyCreated',
  data: { ...material, createdAt, origin },
});
const activated = (material: KeyMaterial, previousKid: string | null = null, activatedAt = at): KeyActivated => ({
  type: 'KeyActivated',
  data: { kid: material.kid, purpose: material.purpose, environment: material.environment, previousKid, activatedAt },
});
const retired = (material: KeyMaterial, retiredAt = later): KeyRetired => ({
  type: 'KeyRetired',
  data: { kid: material.kid, purpose: material.purpose, environment: material.environment, retiredAt },
});

const spec = deciderSpec(keyRingDecider);
const k1 = key('k1');
const k2 = key('k2');
const sandbox = key('s1', { environment: 'sandbox' });
const m1 = mac('m1');

describe('key ring decider', () => {
  describe('EnsureKeys', () => {
    it('creates and activates a key for every empty slot', () => {
      spec
        .given([])
        .when({ type: 'EnsureKeys', candidates: [k1, sandbox, m1], at })
        .then([created(k1), activated(k1), created(sandbox), activated(sandbox), created(m1), activated(m1)]);
    });

    it('leaves slots that have an active key alone: the loser of two concurrent first starts appends nothing', () => {
      spec
        .given([created(k1), activated(k1)])
        .when({ type: 'EnsureKeys', candidates: [k2, m1], at })
        .then([created(m1), activated(m1)]);
      spec
        .given([created(k1), activated(k1)])
        .when({ type: 'EnsureKeys', candidates: [k2], at })
        .then([]);
    });

    it('refuses keys sealed under another master key than the ring', () => {
      spec
        .given([created(k1), activated(k1)])
        .when({ type: 'EnsureKeys', candidates: [{ ...m1, sealed: sealed('mk-two') }], at })
        .thenFails('MASTER_KEY_MISMATCH', 'precondition');
    });
  });

  describe('ImportKeys', () => {
    it('keeps kids, creation times and statuses of imported keys', () => {
      spec
        .given([])
        .when({
          type: 'ImportKeys',
          keys: [
            { ...k1, status: 'previous', createdAt: '2025-01-01T00:00:00.000Z' },
            { ...k2, status: 'active', createdAt: '2025-06-01T00:00:00.000Z' },
            { ...sandbox, status: 'retired', createdAt: '2025-01-01T00:00:00.000Z' },
          ],
          at,
        })
        .then([
          created(k1, 'imported', '2025-01-01T00:00:00.000Z'),
          created(k2, 'imported', '2025-06-01T00:00:00.000Z'),
          activated(k2),
          created(sandbox, 'imported', '2025-01-01T00:00:00.000Z'),
          retired(sandbox, at),
        ]);
    });

    it('skips kids already in the ring (an import retried after a crash) and never displaces an active key', () => {
      spec
        .given([created(k1, 'imported'), activated(k1)])
        .when({ type: 'ImportKeys', keys: [{ ...k1, status: 'active', createdAt: at }], at })
        .then([]);
      spec
        .given([created(k1), activated(k1)])
        .when({ type: 'ImportKeys', keys: [{ ...k2, status: 'active', createdAt: at }], at })
        .then([created(k2, 'imported')]);
    });
  });

  describe('RotateKeys', () => {
    it('activates the new key; the former one is named and stays to verify', () => {
      spec
        .given([created(k1), activated(k1)])
        .when({ type: 'RotateKeys', keys: [k2], at: later })
        .then([created(k2, 'generated', later), activated(k2, 'k1', later)]);
    });

    it('refuses a kid that exists, two keys for one slot, and another master key', () => {
      spec
        .given([created(k1), activated(k1)])
        .when({ type: 'RotateKeys', keys: [k1], at })
        .thenFails('KEY_EXISTS', 'conflict');
      spec
        .given([])
        .when({ type: 'RotateKeys', keys: [k1, k2], at })
        .thenFails('DUPLICATE_SLOT', 'validation');
      spec
        .given([created(k1), activated(k1)])
        .when({ type: 'RotateKeys', keys: [{ ...k2, sealed: sealed('mk-two') }], at })
        .thenFails('MASTER_KEY_MISMATCH', 'precondition');
    });
  });

  describe('RetireKey', () => {
    const rotated = [created(k1), activated(k1), created(k2), activated(k2, 'k1')];

    it('retires a previous key', () => {
      spec
        .given(rotated)
        .when({ type: 'RetireKey', kid: 'k1', at: later })
        .then([retired(k1)]);
    });

    it('does nothing for a key already retired', () => {
      spec
        .given([...rotated, retired(k1)])
        .when({ type: 'RetireKey', kid: 'k1', at: later })
        .then([]);
    });

    it('refuses the active key and an unknown one', () => {
      spec.given(rotated).when({ type: 'RetireKey', kid: 'k2', at }).thenFails('KEY_ACTIVE', 'precondition');
      spec.given(rotated).when({ type: 'RetireKey', kid: 'nope', at }).thenFails('KEY_NOT_FOUND', 'not-found');
    });
  });

  describe('ResealKeyRing', () => {
    const ring = [created(k1), activated(k1), created(m1), activated(m1)];
    const resealed = [
      { kid: 'k1', sealed: sealed('mk-two', 'b') },
      { kid: 'm1', sealed: sealed('mk-two', 'c') },
    ];

    it('seals every key again under the new master key', () => {
      spec
        .given(ring)
        .when({ type: 'ResealKeyRing', masterKeyId: 'mk-two', keys: resealed, at: later })
        .then([{ type: 'KeyRingResealed', data: { previousMasterKeyId: 'mk-one', masterKeyId: 'mk-two', keys: resealed, resealedAt: later } }]);
    });

    it('after which keys must be sealed under the new master key', () => {
      const after = [
        ...ring,
        { type: 'KeyRingResealed' as const, data: { previousMasterKeyId: 'mk-one', masterKeyId: 'mk-two', keys: resealed, resealedAt: later } },
      ];
      spec
        .given(after)
        .when({ type: 'RotateKeys', keys: [k2], at })
        .thenFails('MASTER_KEY_MISMATCH');
      spec
        .given(after)
        .when({ type: 'RotateKeys', keys: [{ ...k2, sealed: sealed('mk-two') }], at })
        .then([created({ ...k2, sealed: sealed('mk-two') }), activated({ ...k2, sealed: sealed('mk-two') }, 'k1')]);
    });

    it('refuses a set of keys that is not the whole ring, mixed master keys, and the same master key', () => {
      spec
        .given(ring)
        .when({ type: 'ResealKeyRing', masterKeyId: 'mk-two', keys: resealed.slice(0, 1), at })
        .thenFails('KEY_RING_CHANGED', 'conflict');
      spec
        .given(ring)
        .when({ type: 'ResealKeyRing', masterKeyId: 'mk-two', keys: [resealed[0], { kid: 'm1', sealed: sealed('mk-three') }], at })
        .thenFails('MIXED_MASTER_KEYS');
      spec
        .given(ring)
        .when({ type: 'ResealKeyRing', masterKeyId: 'mk-one', keys: resealed.map((k) => ({ ...k, sealed: sealed('mk-one') })), at })
        .thenFails('SAME_MASTER_KEY');
      spec.given([]).when({ type: 'ResealKeyRing', masterKeyId: 'mk-two', keys: [], at }).thenFails('KEY_RING_EMPTY');
    });
  });

  it('folds statuses: one active key per slot, previous ones kept, retired ones marked', () => {
    const state = [created(k1), activated(k1), created(k2), activated(k2, 'k1'), retired(k1), created(sandbox), activated(sandbox)].reduce(
      keyRingDecider.evolve,
      keyRingDecider.initialState(),
    );
    expect(state.keys.map((k) => `${k.kid}:${k.status}`)).toEqual(['k1:retired', 'k2:active', 's1:active']);
    expect(state.masterKeyId).toBe('mk-one');
  });
});
