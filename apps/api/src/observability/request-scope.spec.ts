import { enterRequestScope, keepRequestScopeOn, leaveRequestScope, type RequestScope, requestScope, requestScopeInUse } from './request-scope';

/** Whether the scope's async hooks are installed (Node 20's AsyncLocalStorage keeps it in `enabled`). */
const hooksInstalled = () => (requestScope as unknown as { enabled: boolean }).enabled;
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('request scope', () => {
  const a: RequestScope = { logger: null, trace: 'a' };
  const b: RequestScope = { logger: null, trace: 'b' };

  it('carries each request its scope through promises and turns off when the last request in flight leaves', async () => {
    const seen: unknown[] = [];
    enterRequestScope(a, () => void Promise.resolve().then(() => seen.push(requestScope.getStore())));
    enterRequestScope(b, () => void tick().then(() => seen.push(requestScope.getStore())));
    await tick();
    await tick();
    expect(seen).toEqual([a, b]);

    leaveRequestScope();
    expect(hooksInstalled()).toBe(true);
    expect(requestScopeInUse()).toBe(true);
    leaveRequestScope();
    expect(hooksInstalled()).toBe(false);
    expect(requestScopeInUse()).toBe(false);
    expect(requestScope.getStore()).toBeUndefined();
  });

  it('comes back on for the next request that carries a scope', async () => {
    let seen: unknown;
    enterRequestScope(b, () => void Promise.resolve().then(() => (seen = requestScope.getStore())));
    await tick();
    expect(seen).toBe(b);
    expect(hooksInstalled()).toBe(true);
    leaveRequestScope();
    expect(hooksInstalled()).toBe(false);
  });

  it('stays on once kept on (tracing enters it outside requests)', () => {
    keepRequestScopeOn();
    enterRequestScope(a, () => undefined);
    leaveRequestScope();
    expect(hooksInstalled()).toBe(true);
    expect(requestScopeInUse()).toBe(true);
  });
});
