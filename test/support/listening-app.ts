import { freePort } from './child-app';
import { startTestApp, type TestApp } from './test-app';

export interface ListeningTestApp extends TestApp {
  /** Where it listens, which is also its PUBLIC_URL (the production issuer). */
  baseUrl: string;
}

/**
 * Starts the application listening on 127.0.0.1 with PUBLIC_URL set to that very address, so
 * that issuers, audiences and metadata URLs are reachable by real HTTP clients (SDKs).
 */
export async function startListeningTestApp(env: Record<string, string> = {}): Promise<ListeningTestApp> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const t = await startTestApp({ PUBLIC_URL: baseUrl, ...env });
  await t.app.listen({ port, host: '127.0.0.1' });
  return { ...t, server: t.app.getHttpServer(), baseUrl };
}
