import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ChildApp, freePort, spawnApp, waitForStatus } from '../support/child-app';
import { ConsoleClient } from '../support/console-client';
import { verifyStandardWebhook, WebhookReceiver } from '../support/webhook-receiver';

/**
 * The log is the outbox: a credential created, then the process killed with SIGKILL before the
 * receiver could get its webhook (the receiver is down), is still delivered after a restart —
 * whether the kill came before the delivery was queued or before it was sent.
 */
describe('webhooks across a SIGKILL', () => {
  jest.setTimeout(180_000);
  let dataDir: string;
  let app: ChildApp | null = null;
  const receiver = new WebhookReceiver();

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'latchkey-webhook-crash-'));
  });
  afterAll(async () => {
    if (app && app.process.exitCode === null) app.process.kill('SIGKILL');
    await receiver.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers every message of events recorded before the kill', async () => {
    const port = await freePort();
    const receiverPort = await freePort();
    const start = async () => {
      app = await spawnApp({
        DATA_DIR: dataDir,
        PORT: String(port),
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        LOG_LEVEL: 'warn',
        WEBHOOKS_ALLOW_PRIVATE: '127.0.0.1',
      });
      await waitForStatus(app, '/ready');
      return app;
    };
    let running = await start();
    const admin = new ConsoleClient(running.baseUrl);
    await admin.signup('webhook-crash@example.com', 'Crash Hooks');
    const hook = await admin.call<{ id: string; secret: string }>('POST', '/console/v1/organization/webhooks', {
      url: `http://127.0.0.1:${receiverPort}/hook`,
      events: ['credential.created'],
    });

    // The receiver is down: nothing can be delivered before the kill.
    const labels: string[] = [];
    for (let i = 0; i < 5; i++) {
      labels.push(`before the kill ${i}`);
      await admin.createCredential(labels[i]);
    }
    running.process.kill('SIGKILL');
    await running.exited;

    await receiver.start(receiverPort);
    running = await start();
    const started = Date.now();
    await receiver.waitFor((r) => new Set(r.map((x) => x.payload.data.label)).size >= labels.length, 'every message', 120_000);
    console.log(`all ${labels.length} messages delivered ${Date.now() - started} ms after the restart`);
    expect([...new Set(receiver.received.map((r) => r.payload.data.label))].sort()).toEqual([...labels].sort());
    for (const r of receiver.received) expect(verifyStandardWebhook(hook.secret, r)).toBe(true);
    // One webhook-id per message, whatever the number of attempts.
    expect(new Set(receiver.received.map((r) => r.id)).size).toBe(labels.length);
  });
});
