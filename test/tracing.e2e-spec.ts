import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ChildApp, spawnApp, waitForStatus } from './support/child-app';
import { ConsoleClient } from './support/console-client';

interface ExportedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: { key: string; value: { stringValue?: string; intValue?: number | string } }[];
}

/** An OTLP/HTTP receiver in the test's process: it keeps every span POSTed to /v1/traces as JSON. */
async function startReceiver(): Promise<{ url: string; spans: ExportedSpan[]; contentTypes: string[]; server: Server }> {
  const spans: ExportedSpan[] = [];
  const contentTypes: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/traces') return void res.writeHead(404).end();
      contentTypes.push(String(req.headers['content-type']));
      const payload = JSON.parse(body) as { resourceSpans: { scopeSpans: { spans: ExportedSpan[] }[] }[] };
      for (const resource of payload.resourceSpans) for (const scope of resource.scopeSpans) spans.push(...scope.spans);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans, contentTypes, server };
}

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/**
 * With OTEL_EXPORTER_OTLP_ENDPOINT set, one token request and one console write are traced: the
 * server span is a child of the client's `traceparent`, the command span a child of the server
 * span and the event-store append a child of the command span, all in the client's trace. The
 * application runs as a process of its own (the exporter loads Node's http module with `import()`,
 * which Jest's module sandbox does not allow); the receiver runs in the test's process.
 */
describe('tracing (OTLP/HTTP JSON to an in-process receiver)', () => {
  jest.setTimeout(60_000);
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let app: ChildApp;
  let dataDir: string;
  const token = { traceId: hex(16), spanId: hex(8) };
  const write = { traceId: hex(16), spanId: hex(8) };
  const traceparent = (p: { traceId: string; spanId: string }) => `00-${p.traceId}-${p.spanId}-01`;

  beforeAll(async () => {
    receiver = await startReceiver();
    dataDir = mkdtempSync(join(tmpdir(), 'latchkey-tracing-'));
    app = await spawnApp({ DATA_DIR: dataDir, EVENT_STORE: 'memory', OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, LOG_FORMAT: 'json' });
    await waitForStatus(app, '/ready');
    const admin = new ConsoleClient(app.baseUrl);
    await admin.signup(`traced-${Date.now()}@example.com`, 'Traced Org');
    const { clients } = await admin.createApp('Traced app', ['jwt_bearer']);
    const { jwt } = await admin.createCredential('first');
    const { clientId, clientSecret } = clients.production;
    const issued = await fetch(`${app.baseUrl}/restapi/oauth/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
        traceparent: traceparent(token),
      },
      body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: jwt }).toString(),
    });
    expect(issued.status).toBe(200);
    const written = await fetch(`${app.baseUrl}/console/v1/credentials`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${admin.token}`,
        traceparent: traceparent(write),
        'x-request-id': 'traced-write',
      },
      body: JSON.stringify({ label: 'traced', environment: 'production', expiresAt: null, allowedApps: { type: 'organization' } }),
    });
    expect(written.status).toBe(201);
    // Shutting down exports what the batch processor still holds.
    app.process.kill('SIGTERM');
    await app.exited;
  });
  afterAll(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await new Promise<void>((resolve) => receiver.server.close(() => resolve()));
  });

  const inTrace = (traceId: string) => receiver.spans.filter((s) => s.traceId === traceId);
  const attribute = (span: ExportedSpan, key: string) => span.attributes.find((a) => a.key === key)?.value;

  it('exports JSON', () => {
    expect(receiver.contentTypes.length).toBeGreaterThan(0);
    for (const type of receiver.contentTypes) expect(type).toMatch(/^application\/json/);
  });

  it("traces a token request as a server span, a child of the client's traceparent", () => {
    const spans = inTrace(token.traceId);
    const server = spans.find((s) => s.name === 'POST /restapi/oauth/token');
    expect({ found: server !== undefined, names: spans.map((s) => s.name) }).toEqual({ found: true, names: expect.any(Array) });
    expect(server!.parentSpanId).toBe(token.spanId);
    expect(server!.kind).toBe(2); // SERVER
    expect(attribute(server!, 'http.response.status_code')?.intValue).toEqual(expect.anything());
    expect(Number(attribute(server!, 'http.response.status_code')!.intValue)).toBe(200);
  });

  it('traces a console write: server span ← command span ← event-store append', () => {
    const spans = inTrace(write.traceId);
    const names = spans.map((s) => s.name);
    const server = spans.find((s) => s.name === 'POST /console/v1/credentials');
    const command = spans.find((s) => s.name === 'command CreateCredentialCommand');
    const append = spans.find((s) => s.name === 'event-store append');
    expect({ server: !!server, command: !!command, append: !!append, names }).toEqual({ server: true, command: true, append: true, names });
    expect(server!.parentSpanId).toBe(write.spanId);
    expect(attribute(server!, 'latchkey.request_id')?.stringValue).toBe('traced-write');
    expect(command!.parentSpanId).toBe(server!.spanId);
    expect(append!.parentSpanId).toBe(command!.spanId);
    expect(attribute(append!, 'latchkey.stream.category')?.stringValue).toBe('credential');
  });

  it('traces projections in traces of their own', () => {
    const batches = receiver.spans.filter((s) => s.name === 'projections apply');
    expect(batches.length).toBeGreaterThan(0);
    for (const batch of batches) {
      expect(batch.parentSpanId ?? '').toBe('');
      expect([token.traceId, write.traceId]).not.toContain(batch.traceId);
    }
    const perProjection = receiver.spans.filter((s) => s.name.startsWith('projection ') && batches.some((b) => b.spanId === s.parentSpanId));
    expect(perProjection.length).toBeGreaterThan(0);
  });
});
