import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AddressPolicy } from './address-policy';
import { type Resolver, systemResolver } from './guarded-lookup';
import { WebhookSender } from './webhook-sender';

describe('WebhookSender', () => {
  let server: Server;
  let port: number;
  const hits: string[] = [];
  /** `hooks.example` resolves to the loopback address, as a name re-pointed after registration would. */
  const rebinding: Resolver = async (hostname) => (hostname === 'hooks.example' ? [{ address: '127.0.0.1', family: 4 }] : systemResolver(hostname));

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      if (req.url === '/redirect') return res.writeHead(302, { location: `http://127.0.0.1:${port}/target` }).end();
      if (req.url === '/slow') return setTimeout(() => res.end('late'), 2000);
      res.writeHead(req.url === '/fail' ? 500 : 204).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => (hits.length = 0));

  const send = (sender: WebhookSender, url: string) => sender.send({ url, headers: { 'webhook-id': 'msg_1' }, body: '{}' });

  it('refuses loopback targets without WEBHOOKS_ALLOW_PRIVATE, by name (at connection time) and by address', async () => {
    const sender = new WebhookSender(new AddressPolicy([]), rebinding);
    for (const url of [
      `http://localhost:${port}/ok`,
      `https://hooks.example:${port}/ok`,
      `http://127.0.0.1:${port}/ok`,
      `https://[::1]:${port}/ok`,
    ]) {
      const result = await send(sender, url);
      expect({ url, ...result, durationMs: 0 }).toEqual({ url, responseStatus: null, ok: false, durationMs: 0, error: 'address refused' });
    }
    expect(hits).toEqual([]);
    sender.close();
  });

  it('reaches a loopback target inside WEBHOOKS_ALLOW_PRIVATE, over http too', async () => {
    const sender = new WebhookSender(new AddressPolicy(['127.0.0.0/8']), rebinding);
    expect(await send(sender, `http://localhost:${port}/ok`)).toMatchObject({ ok: true, responseStatus: 204 });
    expect(await send(sender, `http://127.0.0.1:${port}/fail`)).toMatchObject({ ok: false, responseStatus: 500, error: 'status 500' });
    expect(hits).toEqual(['/ok', '/fail']);
    sender.close();
  });

  it('never reaches link-local or metadata addresses, even when allowed', async () => {
    const policy = new AddressPolicy(['169.254.0.0/16', 'fe80::/10', '0.0.0.0/0']);
    expect(policy.permits('169.254.169.254', 'https:')).toBe(false);
    expect(policy.permits('fe80::1', 'https:')).toBe(false);
    expect(policy.permits('::ffff:169.254.169.254', 'https:')).toBe(false);
    const sender = new WebhookSender(policy, async () => [{ address: '169.254.169.254', family: 4 }]);
    expect(await send(sender, 'http://metadata.example/latest')).toMatchObject({ ok: false, error: 'address refused' });
    sender.close();
  });

  it('judges addresses: public ones over https only, private ones never without the setting, mapped IPv4 as IPv4', () => {
    const policy = new AddressPolicy([]);
    expect(policy.permits('93.184.216.34', 'https:')).toBe(true);
    expect(policy.permits('93.184.216.34', 'http:')).toBe(false);
    for (const address of ['10.1.2.3', '172.16.0.1', '192.168.1.1', '127.0.0.1', '::1', 'fd12::1', '::ffff:127.0.0.1', '0.0.0.0', '100.64.0.1']) {
      expect([address, policy.permits(address, 'https:')]).toEqual([address, false]);
    }
  });

  it('follows no redirect: a 302 is a failed attempt and its target is not requested', async () => {
    const sender = new WebhookSender(new AddressPolicy(['127.0.0.1']), systemResolver);
    expect(await send(sender, `http://127.0.0.1:${port}/redirect`)).toMatchObject({ ok: false, responseStatus: 302 });
    expect(hits).toEqual(['/redirect']);
    sender.close();
  });

  it('gives up on an answer that does not come within the timeout', async () => {
    const sender = new WebhookSender(new AddressPolicy(['127.0.0.1']), systemResolver, 300);
    const result = await send(sender, `http://127.0.0.1:${port}/slow`);
    console.log(`timed-out attempt took ${result.durationMs} ms (timeout 300 ms)`);
    expect(result).toMatchObject({ ok: false, responseStatus: null, error: 'timeout' });
    expect(result.durationMs).toBeLessThan(1900);
    sender.close();
  });
});
