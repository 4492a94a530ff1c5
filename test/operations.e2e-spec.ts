import { Body, Controller, Module, Post } from '@nestjs/common';
import { IsString, MaxLength } from 'class-validator';
import request from 'supertest';
import { eventually } from '@latchkey/event-store/testing';
import { Public } from '@latchkey/building-blocks';
import { startTestApp, type TestApp } from './support/test-app';

class EchoDto {
  @IsString()
  @MaxLength(10)
  name!: string;
}

@Public()
@Controller('probe')
class ProbeController {
  @Post('echo')
  echo(@Body() body: EchoDto) {
    return { name: body.name };
  }

  @Post('boom')
  boom() {
    throw new Error('secret internal detail');
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

describe('operations and error mapping (sqlite store)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({}, { extraModules: [ProbeModule] });
  });
  afterAll(() => t.close());

  it('answers /health', async () => {
    await request(t.server).get('/health').expect(200, { status: 'ok' });
  });

  it('answers /ready with 200 once the read models have caught up', async () => {
    await eventually(async () => {
      const res = await request(t.server).get('/ready');
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('ready');
    });
  });

  it('serves the OpenAPI description at /docs', async () => {
    const ui = await request(t.server).get('/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
    const doc = await request(t.server).get('/docs/openapi.json').expect(200);
    expect(doc.body.info.title).toBe('Latchkey');
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/health', '/ready']));
  });

  it('answers an unknown route with a 404 problem', async () => {
    const res = await request(t.server).get('/nope').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, code: 'NOT_FOUND', title: 'Not found' });
  });

  it('validates bodies with field errors and rejects unknown fields', async () => {
    await request(t.server).post('/probe/echo').send({ name: 'ok' }).expect(201, { name: 'ok' });
    const tooLong = await request(t.server)
      .post('/probe/echo')
      .send({ name: 'x'.repeat(11) })
      .expect(400);
    expect(tooLong.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'name' }] });
    const unknown = await request(t.server).post('/probe/echo').send({ name: 'ok', isAdmin: true }).expect(400);
    expect(unknown.body.errors).toEqual([{ field: 'isAdmin', message: 'isAdmin is not a known field' }]);
  });

  it.each([
    ['malformed JSON', 'application/json', '{"name":', 400],
    ['__proto__ key', 'application/json', '{"name":"a","__proto__":{"polluted":true}}', 400],
    ['constructor.prototype key', 'application/json', '{"name":"a","constructor":{"prototype":{"polluted":true}}}', 400],
    ['wrong content type', 'text/plain', 'name=a', 415],
    ['empty JSON body', 'application/json', '', 400],
  ])('answers %s with a %s problem, never a 500', async (_name, type, body, status) => {
    const res = await request(t.server).post('/probe/echo').set('content-type', type).send(body);
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.status).toBe(status);
    expect(JSON.stringify(res.body)).not.toMatch(/\bat .*\.(js|ts):\d+/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a body over the limit with 413', async () => {
    const res = await request(t.server)
      .post('/probe/echo')
      .send({ name: 'x'.repeat(100 * 1024) });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers an unexpected failure with a generic 500 and no internal detail', async () => {
    const res = await request(t.server).post('/probe/boom').expect(500);
    expect(res.body).toEqual(expect.objectContaining({ code: 'INTERNAL_ERROR', status: 500 }));
    expect(JSON.stringify(res.body)).not.toContain('secret internal detail');
  });

  it('redacts authorization headers in the logs', async () => {
    await request(t.server).get('/nope').set('authorization', 'Bearer very-secret-session-token');
    await eventually(() => expect(t.logs.join('')).toContain('[redacted]'));
    expect(t.logs.join('')).not.toContain('very-secret-session-token');
  });
});
