import { generateWebhookSecret, newWebhookMessageId, signWebhook } from './webhook-signature';

describe('Standard Webhooks signatures', () => {
  it('reproduces the test vector the reference libraries publish', () => {
    // standard-webhooks/standard-webhooks, libraries/*/ tests ("sign function works").
    const signature = signWebhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}');
    expect(signature).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('signs the id and the timestamp too: changing either changes the signature', () => {
    const secret = generateWebhookSecret();
    const base = signWebhook(secret, 'msg_a', 1700000000, '{}');
    expect(signWebhook(secret, 'msg_b', 1700000000, '{}')).not.toBe(base);
    expect(signWebhook(secret, 'msg_a', 1700000001, '{}')).not.toBe(base);
  });

  it('makes whsec_ secrets of 32 random bytes and message ids without a full stop', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(secret);
    expect(newWebhookMessageId()).toMatch(/^msg_[0-9a-f]{32}$/);
  });
});
