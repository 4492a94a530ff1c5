import { Logger } from '@nestjs/common';
import { type DomainError, MemoryThrottleStores, type RequestContext } from '@latchkey/building-blocks';
import { ManualClock } from '@latchkey/building-blocks/testing';
import type { SignupSettings } from '../contracts';
import type { MemberListReadModel } from '../read-models/members/member-list.read-model';
import { RegistrationGate } from './registration-gate';

const from = (address: string | null): RequestContext => ({ correlationId: 'c', actor: null, address });

function gateWith(settings?: SignupSettings, organizations = false) {
  const clock = new ManualClock();
  const state = { organizations };
  const members = { anyOrganization: () => state.organizations } as unknown as MemberListReadModel;
  return { clock, state, gate: new RegistrationGate(new MemoryThrottleStores(clock), members, settings) };
}

const outcome = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ran',
    (error: DomainError) => error.code,
  );

describe('RegistrationGate', () => {
  beforeEach(() => jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it('allows 10 registrations per address per 600 s by default, counting every attempt', async () => {
    const { gate, clock } = gateWith();
    const results = [];
    for (let i = 0; i < 11; i++) {
      results.push(
        await outcome(
          i % 2
            ? gate.signup(undefined, from('10.0.0.1'), async () => undefined)
            : gate.acceptance(from('10.0.0.1'), () => Promise.reject(new Error('x'))),
        ),
      );
    }
    expect(results.slice(10)).toEqual(['RATE_LIMITED']);
    expect(results.slice(0, 10)).not.toContain('RATE_LIMITED');
    expect(await outcome(gate.acceptance(from('10.0.0.2'), async () => undefined))).toBe('ran');
    clock.advance(599_000);
    expect(await outcome(gate.acceptance(from('10.0.0.1'), async () => undefined))).toBe('RATE_LIMITED');
    clock.advance(1_000);
    expect(await outcome(gate.acceptance(from('10.0.0.1'), async () => undefined))).toBe('ran');
  });

  it('answers 429 with the seconds left in the window', async () => {
    const { gate, clock } = gateWith({ signup: 'open', signupRateLimit: { count: 1, seconds: 60 } });
    await gate.acceptance(from('10.0.0.1'), async () => undefined);
    clock.advance(20_000);
    const error = await gate.acceptance(from('10.0.0.1'), async () => undefined).catch((e: DomainError) => e);
    expect(error).toMatchObject({ kind: 'rate-limited', code: 'RATE_LIMITED', details: { retryAfterSeconds: 40 } });
  });

  describe('invite-only', () => {
    const inviteOnly: SignupSettings = { signup: 'invite-only', setupToken: 'the-setup-token', signupRateLimit: { count: 2, seconds: 600 } };

    it('refuses every sign-up once an organization exists, before counting anything', async () => {
      const { gate } = gateWith(inviteOnly, true);
      for (let i = 0; i < 4; i++)
        expect(await outcome(gate.signup('the-setup-token', from('10.0.0.1'), async () => undefined))).toBe('SIGNUP_DISABLED');
      expect(await outcome(gate.acceptance(from('10.0.0.1'), async () => undefined))).toBe('ran');
    });

    it('admits the bootstrap sign-up with the setup token only, and stops comparing it past the limit', async () => {
      const { gate } = gateWith(inviteOnly);
      expect(await outcome(gate.signup(undefined, from('10.0.0.1'), async () => undefined))).toBe('SIGNUP_DISABLED');
      expect(await outcome(gate.signup('the-setup-token', from('10.0.0.1'), async () => undefined))).toBe('ran');
      expect(await outcome(gate.signup('the-setup-token', from('10.0.0.1'), async () => undefined))).toBe('SIGNUP_DISABLED');
      expect(await outcome(gate.signup('the-setup-token', from('10.0.0.2'), async () => undefined))).toBe('ran');
    });

    it('runs bootstraps one at a time, each checking again that no organization exists', async () => {
      const { gate, state } = gateWith(inviteOnly);
      const found = async () => {
        await new Promise((r) => setTimeout(r, 5));
        state.organizations = true;
      };
      const results = await Promise.all(['10.0.0.1', '10.0.0.2', '10.0.0.3'].map((a) => outcome(gate.signup('the-setup-token', from(a), found))));
      expect(results.sort()).toEqual(['SIGNUP_DISABLED', 'SIGNUP_DISABLED', 'ran']);
    });

    it('refuses every bootstrap when no setup token is configured', async () => {
      const { gate } = gateWith({ ...inviteOnly, setupToken: undefined });
      expect(await outcome(gate.signup('', from('10.0.0.1'), async () => undefined))).toBe('SIGNUP_DISABLED');
      expect(await outcome(gate.signup(undefined, from('10.0.0.2'), async () => undefined))).toBe('SIGNUP_DISABLED');
    });
  });
});
