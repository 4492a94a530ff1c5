import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startListeningTestApp, type ListeningTestApp } from './support/listening-app';

const MB = 1_000_000;
const MiB = 1024 * 1024;

interface Target {
  name: string;
  path: string;
  type: string;
  /** What the answer's body must be, beyond the 413 status. */
  check(contentType: string | null, body: string): void;
}

const console413: Target = {
  name: 'the console',
  path: '/console/v1/sessions',
  type: 'application/json',
  check(contentType, body) {
    expect(contentType).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(body)).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
  },
};

/** The Auth API's answer is shaped by the token-issuance library; here only its status is checked. */
const token413: Target = {
  name: 'the token endpoint',
  path: '/restapi/oauth/token',
  type: 'application/x-www-form-urlencoded',
  check: () => undefined,
};

/**
 * A body that arrives in pieces, without a Content-Length (chunked), so the server reads some of it
 * before refusing it; with `bytesPerSecond`, as over a slow link, so the client is still sending
 * when the server has its answer ready.
 */
function streamed(size: number, bytesPerSecond?: number): ReadableStream<Uint8Array> {
  const piece = new Uint8Array(64 * 1024).fill(0x61);
  const pauseMs = bytesPerSecond ? (piece.length / bytesPerSecond) * 1000 : 0;
  let sent = 0;
  return new ReadableStream({
    async pull(controller) {
      if (sent >= size) return controller.close();
      if (pauseMs) await new Promise((resolve) => setTimeout(resolve, pauseMs));
      const n = Math.min(piece.length, size - sent);
      controller.enqueue(n === piece.length ? piece : piece.subarray(0, n));
      sent += n;
    },
  });
}

/** A link slow enough that the client is still sending when the answer is ready, fast enough for 10 MiB in about 2.5 s. */
const SLOW_LINK_BYTES_PER_SECOND = 4 * MiB;

interface SendThenReadOutcome {
  /** An error while sending the body (the connection was closed or reset under the client), if any. */
  sendError: string | null;
  status: string | null;
  headers: string;
  body: string;
}

/**
 * A client that sends its whole request before it reads anything, as a reverse proxy that buffers
 * requests does (or Python's http.client): it receives the answer only if the server lets it finish
 * sending. Reads one answer (by its Content-Length), then closes.
 */
function sendThenRead(port: number, path: string, type: string, size: number): Promise<SendThenReadOutcome> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    let sendError: string | null = null;
    let sent = false;
    let buffered = Buffer.alloc(0);
    const done = (outcome: Omit<SendThenReadOutcome, 'sendError'>) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ sendError, ...outcome });
    };
    const timer = setTimeout(() => done({ status: null, headers: '', body: 'no answer within 30 s' }), 30_000);
    const tryParse = () => {
      if (!sent) return;
      const text = buffered.toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      if (end < 0) return;
      const headers = text.slice(0, end);
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(headers)?.[1] ?? 0);
      if (buffered.length < end + 4 + length) return;
      done({
        status: /^HTTP\/1\.1 (\d{3})/.exec(headers)?.[1] ?? null,
        headers,
        body: buffered.subarray(end + 4, end + 4 + length).toString('utf8'),
      });
    };
    // Node reads into a buffer whatever arrives; this client looks at it only once it has sent everything.
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      tryParse();
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (!sent) sendError = error.code ?? error.message;
      done({ status: null, headers: '', body: '' });
    });
    socket.on('close', () => done({ status: null, headers: '', body: 'closed before a whole answer' }));
    socket.once('connect', () => {
      socket.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${type}\r\nContent-Length: ${size}\r\n\r\n`);
      socket.write(Buffer.alloc(size, 0x61), (error) => {
        if (error) return;
        sent = true;
        tryParse();
      });
    });
  });
}

function curl(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('curl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Bodies over a surface's limit are answered 413, and ordinary clients receive that 413 for bodies
 * up to 10 MB: the server reads and discards the rest of the body before it answers and closes,
 * instead of closing while the client is still sending (which the client sees as EPIPE or
 * ECONNRESET, never the answer). Against a real listening server, with Node's fetch and curl.
 */
describe('oversized bodies are answered 413, and the client receives it', () => {
  jest.setTimeout(180_000);
  let t: ListeningTestApp;
  let dir: string;
  const files = new Map<number, string>();
  const sizes = [3 * MB, 10 * MiB];

  beforeAll(async () => {
    t = await startListeningTestApp({ EVENT_STORE: 'memory', LOG_LEVEL: 'warn' });
    dir = mkdtempSync(join(tmpdir(), 'latchkey-413-'));
    for (const size of sizes) {
      const file = join(dir, `${size}.bin`);
      writeFileSync(file, Buffer.alloc(size, 0x61));
      files.set(size, file);
    }
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const cases = sizes.flatMap((size) => [console413, token413].map((target) => [target.name, size, target] as const));

  it.each(cases)('fetch, %s, %d bytes with a Content-Length', async (_name, size, target) => {
    const started = performance.now();
    const res = await fetch(t.baseUrl + target.path, { method: 'POST', headers: { 'content-type': target.type }, body: Buffer.alloc(size, 0x61) });
    const body = await res.text();
    console.log(`fetch ${target.path} ${size} bytes (Content-Length): ${res.status} in ${Math.round(performance.now() - started)} ms`);
    expect(res.status).toBe(413);
    target.check(res.headers.get('content-type'), body);
  });

  it.each(cases)('fetch, %s, %d bytes streamed (chunked), at full speed and over a slow link', async (_name, size, target) => {
    for (const rate of [undefined, SLOW_LINK_BYTES_PER_SECOND]) {
      const started = performance.now();
      let status: number | string;
      let body = '';
      let contentType: string | null = null;
      try {
        const res = await fetch(t.baseUrl + target.path, {
          method: 'POST',
          headers: { 'content-type': target.type },
          body: streamed(size, rate),
          duplex: 'half',
        } as RequestInit);
        body = await res.text();
        status = res.status;
        contentType = res.headers.get('content-type');
      } catch (error) {
        status = `${(error as Error).message} (${String(((error as Error).cause as Error | undefined)?.message ?? '')})`;
      }
      const link = rate ? `${rate / MiB} MiB/s` : 'full speed';
      console.log(`fetch ${target.path} ${size} bytes (chunked, ${link}): ${status} in ${Math.round(performance.now() - started)} ms`);
      expect(status).toBe(413);
      target.check(contentType, body);
    }
  });

  it.each(cases)('curl, %s, %d bytes, with a Content-Length and chunked, at full speed and over a slow link', async (_name, size, target) => {
    for (const [chunked, rate] of [
      [false, undefined],
      [true, undefined],
      [false, SLOW_LINK_BYTES_PER_SECOND],
      [true, SLOW_LINK_BYTES_PER_SECOND],
    ] as const) {
      const started = performance.now();
      const out = join(dir, `answer-${size}-${chunked}-${rate}`);
      const result = await curl([
        '--silent',
        '--show-error',
        '--output',
        out,
        '--write-out',
        '%{http_code} %{content_type}',
        '--header',
        `Content-Type: ${target.type}`,
        ...(chunked ? ['--header', 'Transfer-Encoding: chunked'] : []),
        ...(rate ? ['--limit-rate', String(rate)] : []),
        '--data-binary',
        `@${files.get(size)}`,
        t.baseUrl + target.path,
      ]);
      const link = rate ? `${rate / MiB} MiB/s` : 'full speed';
      console.log(
        `curl ${target.path} ${size} bytes (${chunked ? 'chunked' : 'Content-Length'}, ${link}): exit ${result.code}, "${result.stdout}" in ` +
          `${Math.round(performance.now() - started)} ms${result.stderr ? `, stderr: ${result.stderr.trim()}` : ''}`,
      );
      expect({ exit: result.code, stderr: result.stderr }).toEqual({ exit: 0, stderr: '' });
      const [status, contentType] = result.stdout.split(' ');
      expect(status).toBe('413');
      target.check(contentType ?? null, readFileSync(out, 'utf8'));
    }
  });

  it.each(cases)('a client that sends everything before reading, %s, %d bytes', async (_name, size, target) => {
    const started = performance.now();
    const outcome = await sendThenRead(Number(new URL(t.baseUrl).port), target.path, target.type, size);
    console.log(
      `send-then-read ${target.path} ${size} bytes: ${outcome.sendError ? `send failed with ${outcome.sendError}` : `status ${outcome.status}`} ` +
        `in ${Math.round(performance.now() - started)} ms`,
    );
    expect({ sendError: outcome.sendError, status: outcome.status }).toEqual({ sendError: null, status: '413' });
    target.check(/\r\ncontent-type: *([^\r]+)/i.exec(outcome.headers)?.[1] ?? null, outcome.body);
  });

  it('a body declared longer than 10 MiB is not read: the 413 says Connection: close and the server closes', async () => {
    const started = performance.now();
    const socket = connect({ port: Number(new URL(t.baseUrl).port), host: '127.0.0.1' });
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(`POST ${console413.path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${11 * MiB}\r\n\r\n{}`);
    const closed = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 10_000);
      socket.once('close', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    socket.destroy();
    console.log(`11 MiB declared: closed by the server ${closed}, after ${Math.round(performance.now() - started)} ms`);
    expect(closed).toBe(true);
    expect(received).toMatch(/^HTTP\/1\.1 413 /);
    expect(received).toMatch(/\r\nconnection: close\r\n/i);
  });

  it('answers an ordinary request on a fresh connection afterwards', async () => {
    expect((await fetch(`${t.baseUrl}/health`)).status).toBe(200);
  });
});
