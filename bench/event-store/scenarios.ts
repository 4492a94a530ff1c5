import { randomUUID } from 'node:crypto';
import type { EventStore, NewEvent } from '../../libs/event-store/src/port/event-store.port';

/** A credential-issued event about the size of the real ones. */
export function sampleEvent(n: number): NewEvent {
  return {
    type: 'CredentialIssued',
    data: {
      credentialId: randomUUID(),
      organizationId: 'org-7f3c2a',
      name: `ci-deployer-${n}`,
      scopes: ['tokens:issue', 'keys:read'],
      publicKeyThumbprint: 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs',
      expiresAt: '2027-01-01T00:00:00.000Z',
    },
    metadata: { correlationId: randomUUID(), actor: { userId: 'user-42', email: 'ops@example.com' } },
  };
}

/** `writers` concurrent writers, each appending `perWriter` single events to its own stream with an exact expected revision. */
export async function appendFromWriters(store: EventStore, writers: number, perWriter: number): Promise<number> {
  await Promise.all(
    Array.from({ length: writers }, async () => {
      const stream = `bench-${randomUUID()}`;
      for (let i = 0; i < perWriter; i++) {
        await store.appendToStream(stream, [sampleEvent(i)], { expectedRevision: i === 0 ? 'no_stream' : i - 1 });
      }
    }),
  );
  return writers * perWriter;
}

/** Fills the store quickly (not measured): 100-event appends to fresh streams from 20 writers. */
export async function fill(store: EventStore, total: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (next < total) {
        const count = Math.min(100, total - next);
        next += count;
        await store.appendToStream(
          `fill-${randomUUID()}`,
          Array.from({ length: count }, (_, i) => sampleEvent(i)),
        );
      }
    }),
  );
}

/** Subscribes to `$all` from the start and resolves with the number of events delivered once caught up on `total`. */
export function catchUp(store: EventStore, total: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let received = 0;
    const subscription = store.subscribeToAll({
      onEvent: () => {
        received++;
      },
      onCaughtUp: () => {
        // close() from inside onCaughtUp would wait for the subscription loop that is calling us.
        if (received >= total) setImmediate(() => void subscription.close().then(() => resolve(received)));
      },
      onError: reject,
    });
  });
}
