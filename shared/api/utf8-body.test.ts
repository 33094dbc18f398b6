import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../domain/errors';
import { utf8JsonBody } from './utf8-body';

const app = new Hono();
app.onError((error, c) => c.text(error.message, error instanceof ValidationError ? 400 : 500));
app.use('*', utf8JsonBody);
app.post('/', async (c) => c.json(await c.req.json()));

const post = (bytes: number[], contentType = 'application/json') =>
  app.request('/', { method: 'POST', headers: { 'content-type': contentType }, body: new Uint8Array([0x22, ...bytes, 0x22]) });

describe('utf8JsonBody', () => {
  it('passes valid UTF-8 on to the route, which still reads the body', async () => {
    const response = await post([0x63, 0x61, 0x66, 0x66, 0xc3, 0xa8]);

    expect(response.status).toBe(200);
    expect(await response.json()).toBe('caffè');
  });

  it.each([
    ['an invalid byte', [0xff]],
    ['a truncated sequence', [0xc3]],
    ['an overlong encoding of "/"', [0xc0, 0xaf]],
    ['an overlong three-byte encoding', [0xe0, 0x80, 0xaf]],
    ['an encoded lone surrogate', [0xed, 0xa0, 0x80]],
  ])('refuses %s in a JSON body', async (_label, bytes) => {
    expect((await post(bytes)).status).toBe(400);
    expect((await post(bytes, 'application/merge-patch+json; charset=utf-8')).status).toBe(400);
  });

  it('leaves a body that is not JSON to the route', async () => {
    expect((await post([0xff], 'text/plain')).status).toBe(200);
  });
});
