import { freePort } from './child-app';
import { startTestApp, type TestApp } from './test-app';

export interface ListeningTestApp extends TestApp {
  /** Where it listens (also its PUBLIC_URL unless one was given). */
  baseUrl: string;
}

/**
 * Starts the application listening on 127.0.0.1 with PUBLIC_URL set to that very address, so
 * that issuers, audiences and metadata URLs are reachable by real HTTP clients (SDKs). A PUBLIC_URL
 * in `env` wins: instances behind one load balancer share theirs while each listens on its own port.
 */
export async function startListeningTestApp(env: Record<string, string> = {}): Promise<ListeningTestApp> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const t = await startTestApp({ PUBLIC_URL: baseUrl, ...env });
  await t.app.listen({ port, host: '127.0.0.1' });
  return { ...t, server: t.app.getHttpServer(), baseUrl };
}
