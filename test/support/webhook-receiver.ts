import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  id: string;
  timestamp: number;
  signature: string;
  body: string;
  payload: { type: string; timestamp: string; data: Record<string, unknown> };
  headers: IncomingHttpHeaders;
  receivedAt: number;
}

/**
 * What a receiver of Standard Webhooks does, written here independently of Latchkey's signing
 * code: HMAC-SHA256 keyed with the base64 part of `whsec_…` over `id.timestamp.body`, one of the
 * space-separated `v1,` signatures must match.
 */
export function verifyStandardWebhook(secret: string, received: Pick<ReceivedWebhook, 'id' | 'timestamp' | 'body' | 'signature'>): boolean {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = Buffer.from(`v1,${createHmac('sha256', key).update(`${received.id}.${received.timestamp}.${received.body}`).digest('base64')}`);
  return received.signature.split(' ').some((s) => s.length === expected.length && timingSafeEqual(Buffer.from(s), expected));
}

/** A real HTTP receiver on 127.0.0.1 that records every webhook and answers what the test tells it to. */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  /** Statuses to answer, one per request, before answering `fallback`; `hang` never answers. */
  answers: (number | 'hang')[] = [];
  fallback: number | 'hang' = 204;
  private server: Server | null = null;
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  async start(port = 0): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        let payload: ReceivedWebhook['payload'];
        try {
          payload = JSON.parse(body) as ReceivedWebhook['payload'];
        } catch {
          payload = { type: '(not JSON)', timestamp: '', data: {} };
        }
        this.received.push({
          id: String(req.headers['webhook-id']),
          timestamp: Number(req.headers['webhook-timestamp']),
          signature: String(req.headers['webhook-signature']),
          body,
          payload,
          headers: req.headers,
          receivedAt: Date.now(),
        });
        const answer = this.answers.shift() ?? this.fallback;
        if (answer === 'hang') return;
        res.writeHead(answer).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  ofType(type: string): ReceivedWebhook[] {
    return this.received.filter((r) => r.payload.type === type);
  }

  /** Waits until `predicate` holds for what was received (polling, generous bound). */
  async waitFor(predicate: (received: ReceivedWebhook[]) => boolean, what: string, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.received)) {
      if (Date.now() > deadline)
        throw new Error(`Timed out waiting for ${what}; received: ${JSON.stringify(this.received.map((r) => [r.id, r.payload.type]))}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server!.close(resolve));
    this.server = null;
  }
}
