import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { PassThrough } from 'node:stream';
import { drainRequestBody, isLingeringForRequestBody, lingerForRequestBody } from './request-body-drain';

/** A request body still arriving: a stream with the IncomingMessage fields the drain reads. */
function incoming(headers: Record<string, string> = {}) {
  const stream = new PassThrough();
  const socket = { destroyed: false, destroy: jest.fn() };
  const request = Object.assign(stream, { headers, complete: false, socket });
  stream.on('end', () => (request.complete = true));
  return { request: request as unknown as IncomingMessage & PassThrough, socket };
}

describe('draining a refused request body', () => {
  const limits = { maxBytes: 1_000, maxMs: 200 };

  it('reads to the end of the body', async () => {
    const { request } = incoming();
    const outcome = drainRequestBody(request, limits);
    request.write(Buffer.alloc(600));
    request.end(Buffer.alloc(300));
    expect(await outcome).toBe('complete');
  });

  it('stops past the byte bound', async () => {
    const { request } = incoming();
    const outcome = drainRequestBody(request, limits);
    request.write(Buffer.alloc(600));
    request.write(Buffer.alloc(600));
    expect(await outcome).toBe('too-large');
  });

  it('stops past the time bound', async () => {
    const { request } = incoming();
    const started = Date.now();
    const outcome = drainRequestBody(request, limits);
    request.write(Buffer.alloc(10));
    expect(await outcome).toBe('timeout');
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });

  it('does not read a body declared past the byte bound', async () => {
    const { request } = incoming({ 'content-length': '1001' });
    expect(await drainRequestBody(request, limits)).toBe('too-large');
  });

  it('lingers: keeps the connection open while the body arrives, then lets it serve on', async () => {
    const { request, socket } = incoming({ 'content-length': '900' });
    expect(lingerForRequestBody(request, limits)).toBe('keep-open');
    expect(isLingeringForRequestBody(socket as unknown as Socket)).toBe(true);
    request.end(Buffer.alloc(900));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(isLingeringForRequestBody(socket as unknown as Socket)).toBe(false);
    expect(socket.destroy).not.toHaveBeenCalled();
  });

  it('lingers at most the bounds, then closes the connection', async () => {
    const { request, socket } = incoming();
    expect(lingerForRequestBody(request, limits)).toBe('keep-open');
    request.write(Buffer.alloc(10));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(socket.destroy).toHaveBeenCalled();
    expect(isLingeringForRequestBody(socket as unknown as Socket)).toBe(false);
  });

  it('asks for Connection: close when the declared body is past the bound', () => {
    const { request, socket } = incoming({ 'content-length': String(11 * 1024 * 1024) });
    expect(lingerForRequestBody(request)).toBe('close');
    expect(isLingeringForRequestBody(socket as unknown as Socket)).toBe(false);
  });
});
