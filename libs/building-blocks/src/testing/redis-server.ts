import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, Socket } from 'node:net';

export const REDIS_SERVER_BINARY = '/usr/bin/redis-server';

export interface RedisServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** How long a fresh server may take to answer PING on a busy machine. */
const READY_WITHIN_MS = 15_000;

/**
 * Starts a throwaway `redis-server` on a free port of 127.0.0.1 (or on `port`, to bring one back),
 * with nothing written to disk, and waits until it answers PING.
 */
export async function startRedisServer(options: { port?: number } = {}): Promise<RedisServer> {
  if (!existsSync(REDIS_SERVER_BINARY)) throw new Error(`${REDIS_SERVER_BINARY} is not installed (Debian package redis-server)`);
  const port = options.port ?? (await freePort());
  const child = spawn(REDIS_SERVER_BINARY, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const started = Date.now();
  while (!(await answersPing(port))) {
    if (child.exitCode !== null || Date.now() - started > READY_WITHIN_MS) {
      child.kill('SIGKILL');
      throw new Error(`redis-server on port ${port} did not answer PING within ${Date.now() - started} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url: `redis://127.0.0.1:${port}`, port, stop: () => stopProcess(child) };
}

/**
 * `describe`, when a Redis server can be started: without redis-server the block is skipped with a
 * printed reason, except under CI (`CI` set), where it runs and fails.
 */
export function describeWithRedis(name: string, body: () => void): void {
  if (existsSync(REDIS_SERVER_BINARY) || process.env.CI) {
    describe(name, body);
    return;
  }
  console.info(`Skipping "${name}": ${REDIS_SERVER_BINARY} is not installed (apt-get install redis-server; under CI these tests run).`);
  describe.skip(name, body);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
    socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
  });
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
