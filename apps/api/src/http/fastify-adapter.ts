import { FastifyAdapter } from '@nestjs/platform-fastify';

/**
 * Nest's Fastify adapter, without @fastify/middie unless a Nest middleware needs it. Nest 11's
 * adapter registers middie at init whether or not any middleware exists, and middie's hook runs on
 * every request; Latchkey has no Nest middleware (requests are logged from Fastify's hooks). Should
 * a module configure one, Nest registers middie itself when it applies it (`createMiddlewareFactory`).
 */
export class LatchkeyFastifyAdapter extends FastifyAdapter {
  override async init(): Promise<void> {
    const queued = (this as unknown as { pendingMiddlewares: unknown[] }).pendingMiddlewares;
    if (queued.length > 0) await super.init();
  }
}
