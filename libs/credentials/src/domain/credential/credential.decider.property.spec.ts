import fc from 'fast-check';
import { DomainError } from '@latchkey/building-blocks';
import { type CredentialCommand, type KnownClient } from './credential.decide';
import { NO_CREDENTIAL_POLICY } from './credential-policy';
import { credentialDecider } from './credential.decider';
import type { CredentialState } from './credential.state';

/**
 * Property test: random command sequences against a deliberately simple model of what a
 * credential is. After every command the decider's state must agree with the model, and the
 * invariants must hold: only active credentials change, a specific list is never empty and never
 * holds duplicates, the environment never changes, and nothing comes back from revoked or deleted.
 * Commands are well formed, as the edge lets them through (its refusals have their own specs).
 */
const CLIENTS: KnownClient[] = ['prd_a', 'prd_b', 'prd_c'].map((clientId) => ({ clientId, environment: 'production', organizationId: 'o-1' }));
const START = Date.parse('2026-03-01T10:00:00.000Z');

interface Model {
  status: 'none' | 'active' | 'revoked' | 'deleted';
  label: string;
  policy: 'organization' | 'specific';
  clientIds: Set<string>;
}

type Step =
  | { kind: 'create'; specific: string[] }
  | { kind: 'label'; label: string }
  | { kind: 'allow'; clientId: string }
  | { kind: 'disallow'; clientId: string }
  | { kind: 'setOrganization' }
  | { kind: 'revoke' }
  | { kind: 'delete' };

const clientId = fc.constantFrom('prd_a', 'prd_b', 'prd_c', 'prd_unknown');
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), specific: fc.uniqueArray(fc.constantFrom('prd_a', 'prd_b', 'prd_c'), { maxLength: 3 }) }),
  fc.record({ kind: fc.constant('label' as const), label: fc.constantFrom('CI', 'Nightly sync') }),
  fc.record({ kind: fc.constant('allow' as const), clientId }),
  fc.record({ kind: fc.constant('disallow' as const), clientId }),
  fc.constant({ kind: 'setOrganization' as const }),
  fc.constant({ kind: 'revoke' as const }),
  fc.constant({ kind: 'delete' as const }),
);

function toCommand(s: Step, at: string): CredentialCommand {
  switch (s.kind) {
    case 'create':
      return {
        type: 'CreateCredential',
        credentialId: 'c-1',
        label: 'Created',
        environment: 'production',
        expiresAt: null,
        allowedApps: s.specific.length > 0 ? { policy: 'specific', clientIds: s.specific } : { policy: 'organization', clientIds: [] },
        owner: { userId: 'u-1', email: 'u@example.com', organizationId: 'o-1', environmentUserId: '100200300400500' },
        clients: CLIENTS,
        policy: NO_CREDENTIAL_POLICY,
        at,
      };
    case 'label':
      return { type: 'UpdateCredential', label: s.label, clients: CLIENTS, policy: NO_CREDENTIAL_POLICY, at };
    case 'allow':
      return { type: 'AllowApp', clientId: s.clientId, clients: CLIENTS, policy: NO_CREDENTIAL_POLICY, at };
    case 'disallow':
      return { type: 'DisallowApp', clientId: s.clientId, at };
    case 'setOrganization':
      return { type: 'UpdateCredential', allowedApps: { policy: 'organization', clientIds: [] }, clients: CLIENTS, policy: NO_CREDENTIAL_POLICY, at };
    case 'revoke':
      return { type: 'RevokeCredential', reason: null, revocationReason: 'owner', at };
    case 'delete':
      return { type: 'DeleteCredential', at };
  }
}

/** What the model says a step does: the next model, or the error code it must fail with. */
function expected(m: Model, s: Step): Model | string {
  if (s.kind === 'create') {
    return m.status === 'none'
      ? { status: 'active', label: 'Created', policy: s.specific.length ? 'specific' : 'organization', clientIds: new Set(s.specific) }
      : 'CREDENTIAL_EXISTS';
  }
  if (m.status === 'none' || m.status === 'deleted') return 'CREDENTIAL_NOT_FOUND';
  if (s.kind === 'delete') return { ...m, status: 'deleted' };
  if (m.status === 'revoked') return 'CREDENTIAL_NOT_ACTIVE';
  switch (s.kind) {
    case 'label':
      return { ...m, label: s.label };
    case 'allow':
      if (s.clientId === 'prd_unknown') return 'APP_NOT_FOUND';
      return m.policy === 'organization'
        ? { ...m, policy: 'specific', clientIds: new Set([s.clientId]) }
        : { ...m, clientIds: new Set([...m.clientIds, s.clientId]) };
    case 'disallow':
      if (m.policy === 'organization') return 'ALLOWED_APPS_NOT_SPECIFIC';
      if (!m.clientIds.has(s.clientId)) return 'ALLOWED_APP_NOT_FOUND';
      if (m.clientIds.size === 1) return 'LAST_ALLOWED_APP';
      return { ...m, clientIds: new Set([...m.clientIds].filter((c) => c !== s.clientId)) };
    case 'setOrganization':
      return { ...m, policy: 'organization', clientIds: new Set() };
    case 'revoke':
      return { ...m, status: 'revoked' };
  }
}

describe('credential decider against a simple model (property-based)', () => {
  it('agrees with the model and keeps its invariants over random command sequences', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 30 }), (steps) => {
        let model: Model = { status: 'none', label: '', policy: 'organization', clientIds: new Set() };
        let state: CredentialState = credentialDecider.initialState();
        steps.forEach((s, i) => {
          const at = new Date(START + i * 1000).toISOString();
          const want = expected(model, s);
          let events;
          try {
            events = credentialDecider.decide(toCommand(s, at), state);
          } catch (error) {
            expect(error).toBeInstanceOf(DomainError);
            expect((error as DomainError).code).toBe(want);
            return;
          }
          expect(typeof want).not.toBe('string');
          const before = state;
          state = events.reduce(credentialDecider.evolve, state);
          model = want as Model;
          expect(state.status).toBe(model.status);
          if (model.status === 'deleted') return;
          expect(state.label).toBe(model.label);
          expect(state.policy).toBe(model.policy);
          expect(new Set(state.clientIds)).toEqual(model.clientIds);
          // Invariants.
          expect(new Set(state.clientIds).size).toBe(state.clientIds.length);
          if (state.policy === 'specific') expect(state.clientIds.length).toBeGreaterThan(0);
          if (before.status !== 'none') expect(state.environment).toBe(before.environment);
          if (before.status === 'revoked') expect(events.every((e) => e.type === 'CredentialDeleted')).toBe(true);
        });
      }),
      { numRuns: 500 },
    );
  });
});
