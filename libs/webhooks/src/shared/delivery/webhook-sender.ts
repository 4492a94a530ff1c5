import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import type { AddressPolicy } from './address-policy';
import { guardedLookup, RefusedAddressError, type Resolver } from './guarded-lookup';

export const DELIVERY_TIMEOUT_MS = 10_000;
/** What is read of an answer before the connection is dropped: the status is all a delivery needs. */
const MAX_RESPONSE_BYTES = 64 * 1024;

export interface OutgoingWebhook {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface SendResult {
  /** The answer's status; null when there was none (refused address, timeout, connection error). */
  responseStatus: number | null;
  ok: boolean;
  durationMs: number;
  /** Why there was no 2xx, in a few fixed words (never the answer's body). */
  error: string | null;
}

/**
 * Sends one webhook: a POST, no redirect followed (a 3xx is a failed attempt), at most 10 s for the
 * whole exchange, and only to addresses the policy permits, checked when the socket connects.
 */
export class WebhookSender {
  private readonly agents: { 'http:': HttpAgent; 'https:': HttpsAgent };

  constructor(
    private readonly policy: AddressPolicy,
    resolver: Resolver,
    private readonly timeoutMs = DELIVERY_TIMEOUT_MS,
  ) {
    this.agents = {
      'http:': new HttpAgent({ keepAlive: false, lookup: guardedLookup(policy, 'http:', resolver) }),
      'https:': new HttpsAgent({ keepAlive: false, lookup: guardedLookup(policy, 'https:', resolver) }),
    };
  }

  async send(webhook: OutgoingWebhook): Promise<SendResult> {
    const started = performance.now();
    const finish = (responseStatus: number | null, error: string | null): SendResult => ({
      responseStatus,
      ok: responseStatus !== null && responseStatus >= 200 && responseStatus < 300,
      durationMs: Math.round(performance.now() - started),
      error,
    });
    let url: URL;
    try {
      url = new URL(webhook.url);
    } catch {
      return finish(null, 'invalid URL');
    }
    const protocol = url.protocol;
    if (protocol !== 'http:' && protocol !== 'https:') return finish(null, 'unsupported scheme');
    // A literal address never goes through `lookup`: it is checked here.
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    if (isIP(host) !== 0 && !this.policy.permits(host, protocol)) return finish(null, 'address refused');
    return new Promise((resolve) => {
      let settled = false;
      const done = (status: number | null, error: string | null) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(finish(status, error));
      };
      const request = (protocol === 'https:' ? httpsRequest : httpRequest)(url, {
        method: 'POST',
        agent: this.agents[protocol],
        headers: { ...webhook.headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(webhook.body) },
      });
      const timer = setTimeout(() => {
        request.destroy();
        done(null, 'timeout');
      }, this.timeoutMs);
      request.on('response', (response) => {
        const status = response.statusCode ?? null;
        let read = 0;
        response.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_RESPONSE_BYTES) {
            response.destroy();
            done(status, status !== null && status >= 200 && status < 300 ? null : `status ${status}`);
          }
        });
        response.on('end', () => done(status, status !== null && status >= 200 && status < 300 ? null : `status ${status}`));
        response.on('error', () => done(status, 'answer interrupted'));
      });
      request.on('error', (error: Error & { code?: string }) =>
        done(null, error instanceof RefusedAddressError || error.code === 'ERR_WEBHOOK_ADDRESS_REFUSED' ? 'address refused' : 'connection failed'),
      );
      request.end(webhook.body);
    });
  }

  close(): void {
    this.agents['http:'].destroy();
    this.agents['https:'].destroy();
  }
}
