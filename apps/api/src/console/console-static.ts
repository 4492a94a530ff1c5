import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** Paths owned by the APIs: never answered with the console page, so their 404s stay problem+json. */
export const API_PREFIXES = ['/console/v1', '/restapi', '/sandbox', '/docs', '/health', '/ready', '/.well-known', '/assets'] as const;

/**
 * The console page may load only what Latchkey itself serves: no inline scripts or styles, no
 * third-party origins, no framing, no plugins, and forms may post only back to Latchkey.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONSOLE_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/** Hashed build output: safe to cache for a year, because a new build changes the file names. */
const ASSET_MAX_AGE_MS = 365 * 24 * 60 * 60 * 1000;

export const CONSOLE_NOT_BUILT =
  'The Latchkey console is not built. Run `npm run build` (or `npm start`, which builds it) to serve it here; the APIs work without it.\n';

export interface ConsoleStaticOptions {
  /** The Vite build output (`dist/console`). */
  root: string;
  warn: (message: string) => void;
}

/** Where `vite build` puts the console, both when running from source and from `dist/`. */
export function defaultConsoleRoot(): string {
  const candidates = [
    resolve(__dirname, '../../../../dist/console'), // apps/api/src/console → <repo>/dist/console
    resolve(__dirname, '../../../../console'), // dist/apps/api/src/console → dist/console
  ];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? candidates[0];
}

function isApiPath(path: string): boolean {
  return API_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

function wantsPage(request: FastifyRequest): boolean {
  const path = request.url.split('?', 1)[0];
  return !isApiPath(path) && (request.headers.accept ?? '').includes('text/html');
}

/**
 * Serves the single-page console: hashed assets under `/assets/`, and `index.html` for `/` and
 * for any other page a browser asks for (client-side routes). Everything else falls through to
 * the application's own 404 problem.
 */
export async function registerConsole(fastify: FastifyInstance, options: ConsoleStaticOptions): Promise<void> {
  const indexFile = join(options.root, 'index.html');
  const built = existsSync(indexFile);
  if (!built) {
    options.warn(`Console not built: ${indexFile} is missing, so / answers with a short notice. Run \`npm run build\` to build it.`);
  } else {
    void fastify.register(fastifyStatic, {
      root: join(options.root, 'assets'),
      prefix: '/assets/',
      decorateReply: false,
      index: false,
      list: false,
      redirect: false,
      dotfiles: 'deny',
      cacheControl: true,
      maxAge: ASSET_MAX_AGE_MS,
      immutable: true,
      setHeaders: (reply) => {
        for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);
      },
    });
  }

  const page = async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.url.split('?', 1)[0] !== '/' && !wantsPage(request)) return reply.callNotFound();
    const html = built ? await readFile(indexFile).catch(() => null) : null;
    if (!html) {
      // Not built, or removed since startup (a rebuild in progress): say so rather than fail.
      return reply.code(503).header('cache-control', 'no-store').header('content-type', 'text/plain; charset=utf-8').send(CONSOLE_NOT_BUILT);
    }
    return reply.headers(SECURITY_HEADERS).header('cache-control', 'no-store').header('content-type', 'text/html; charset=utf-8').send(html);
  };
  fastify.get('/', page);
  fastify.get('/*', page);
}
