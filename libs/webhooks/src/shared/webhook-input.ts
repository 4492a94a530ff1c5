import { Inject, Injectable, Optional } from '@nestjs/common';
import { isIP } from 'node:net';
import { DomainError } from '@latchkey/building-blocks';
import { ALL_WEBHOOK_EVENTS, DEFAULT_WEBHOOKS_SETTINGS, WEBHOOK_EVENT_TYPES, WEBHOOKS_SETTINGS, type WebhooksSettings } from '../contracts';
import { AddressPolicy } from './delivery/address-policy';
import { type Resolver, systemResolver } from './delivery/guarded-lookup';

export const URL_MAX_LENGTH = 2048;
export const DESCRIPTION_MAX_LENGTH = 200;
/** A registration does not wait longer than this for DNS; an https URL that does not resolve yet is checked again at every delivery. */
const REGISTRATION_LOOKUP_MS = 2000;

export const WEBHOOK_RESOLVER = Symbol('WEBHOOK_RESOLVER');

const refusedUrl = (message: string) => new DomainError('unprocessable', 'WEBHOOK_URL_REFUSED', message, { errors: [{ field: 'url', message }] });

const KNOWN_TYPES: ReadonlySet<string> = new Set(WEBHOOK_EVENT_TYPES);

/** The checks of webhook input that class-validator cannot express: the URL's target, the event types. */
@Injectable()
export class WebhookInput {
  readonly policy: AddressPolicy;

  constructor(
    @Optional() @Inject(WEBHOOKS_SETTINGS) settings: WebhooksSettings = DEFAULT_WEBHOOKS_SETTINGS,
    @Optional() @Inject(WEBHOOK_RESOLVER) private readonly resolver: Resolver = systemResolver,
  ) {
    this.policy = new AddressPolicy(settings.allowPrivate);
  }

  /** `["*"]` or known types, each once, in the given order. */
  events(events: string[]): string[] {
    if (events.length === 0)
      throw new DomainError('validation', 'VALIDATION_FAILED', 'events must name at least one type', {
        errors: [{ field: 'events', message: 'events must name at least one type, or "*"' }],
      });
    const unknown = events.filter((type) => type !== ALL_WEBHOOK_EVENTS && !KNOWN_TYPES.has(type));
    if (unknown.length > 0) {
      const message = `Unknown event type${unknown.length > 1 ? 's' : ''} ${unknown.map((t) => JSON.stringify(t.slice(0, 64))).join(', ')}; known: ${WEBHOOK_EVENT_TYPES.join(', ')} or "*"`;
      throw new DomainError('unprocessable', 'UNKNOWN_EVENT_TYPE', message, { errors: [{ field: 'events', message }] });
    }
    return events.includes(ALL_WEBHOOK_EVENTS) ? [ALL_WEBHOOK_EVENTS] : [...new Set(events)];
  }

  /**
   * An `https` URL whose host is not a refused address (resolved now, and again at every delivery);
   * `http` only for a target inside WEBHOOKS_ALLOW_PRIVATE.
   */
  async url(text: string): Promise<string> {
    if (text.length > URL_MAX_LENGTH) throw refusedUrl(`url must be at most ${URL_MAX_LENGTH} characters`);
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new DomainError('validation', 'VALIDATION_FAILED', 'url must be an absolute https URL', {
        errors: [{ field: 'url', message: 'url must be an absolute https URL' }],
      });
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw refusedUrl('url must be an https URL');
    if (url.username || url.password) throw refusedUrl('url must not carry a user name or password');
    if (url.hash) throw refusedUrl('url must not have a fragment');
    const protocol = url.protocol;
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const addresses = isIP(host) !== 0 ? [host] : await this.resolve(host);
    for (const address of addresses) {
      if (!this.policy.permits(address, protocol)) {
        const verdict = this.policy.verdict(address);
        throw refusedUrl(
          verdict === 'refused'
            ? `url's host ${isIP(host) ? '' : `resolves to ${address}, `}a loopback, private, link-local or otherwise non-public address, which webhooks may not reach`
            : 'url must be an https URL',
        );
      }
    }
    if (protocol === 'http:' && addresses.length === 0)
      throw refusedUrl('url must be an https URL (http only for targets allowed by WEBHOOKS_ALLOW_PRIVATE)');
    return url.toString();
  }

  description(description: string | null | undefined): string | null {
    if (description === undefined || description === null) return null;
    if (description.length > DESCRIPTION_MAX_LENGTH || /\p{Cc}/u.test(description)) {
      const message = `description must be at most ${DESCRIPTION_MAX_LENGTH} characters, without control characters`;
      throw new DomainError('validation', 'VALIDATION_FAILED', message, { errors: [{ field: 'description', message }] });
    }
    return description;
  }

  /** Every address of the host, or none when it does not resolve (now). */
  private async resolve(host: string): Promise<string[]> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const addresses = await Promise.race([
        this.resolver(host),
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), REGISTRATION_LOOKUP_MS))),
      ]);
      return addresses.map((a) => a.address);
    } catch {
      return [];
    } finally {
      clearTimeout(timer);
    }
  }
}
