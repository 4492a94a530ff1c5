import { newWebhookSecret, secretKey, sign, signatureHeader, verify } from './standard-webhooks';

describe('Standard Webhooks signing', () => {
  // The specification's published test vector (the reference libraries of standard-webhooks/standard-webhooks test against it).
  const vector = {
    secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
    timestamp: 1614265330,
    body: '{"test": 2432232314}',
    signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
  };

  it('reproduces the specification’s test vector', () => {
    expect(sign(secretKey(vector.secret), vector.id, vector.timestamp, vector.body)).toBe(vector.signature);
  });

  it('verifies the vector and nothing else', () => {
    const key = secretKey(vector.secret);
    expect(verify(key, vector.id, vector.timestamp, vector.body, vector.signature)).toBe(true);
    expect(verify(key, vector.id, vector.timestamp + 1, vector.body, vector.signature)).toBe(false);
    expect(verify(key, vector.id, vector.timestamp, '{"test": 2432232315}', vector.signature)).toBe(false);
    expect(verify(newWebhookSecret().key, vector.id, vector.timestamp, vector.body, vector.signature)).toBe(false);
  });

  it('signs with every key given, space-separated, each verifying on its own', () => {
    const [a, b] = [newWebhookSecret(), newWebhookSecret()];
    const header = signatureHeader([a.key, b.key], 'msg_1', 1700000000, '{}');
    expect(header.split(' ')).toHaveLength(2);
    expect(verify(a.key, 'msg_1', 1700000000, '{}', header)).toBe(true);
    expect(verify(b.key, 'msg_1', 1700000000, '{}', header)).toBe(true);
  });

  it('makes secrets of the whsec_ form whose key is the base64 part', () => {
    const { text, key } = newWebhookSecret();
    expect(text).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(secretKey(text)).toEqual(key);
  });
});
