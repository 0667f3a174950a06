import { describe, expect, it } from '@jest/globals';
import type { LookupAddress } from 'node:dns';
import { loadConfig } from '#core';
import { assertWebhookUrlsAllowed, isRefusedAddress, webhookUrlRefusal } from './address-policy.js';
import { guardedLookup } from './guarded-lookup.js';
import { failureCategory, WebhookDeliveryError } from './webhook-failure.js';

const prod = loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/dm' });
const prodPolicy = { environment: prod.environment, allowPrivateAddresses: prod.webhooks.allowPrivateAddresses };
const testPolicy = { environment: 'test' as const, allowPrivateAddresses: false };

const refusalCode = (url: string, policy = prodPolicy): string | null => {
  try {
    assertWebhookUrlsAllowed([{ webhookUrl: 'https://kommune.example/ok' }, { webhookUrl: url }], policy);
    return null;
  } catch (error) {
    return `${(error as { code: string }).code}: ${(error as Error).message}`;
  }
};

describe('webhook URLs at registration', () => {
  it('refuses plain http outside APP_ENV=test, and accepts it under test', () => {
    expect(prod.webhooks.allowPrivateAddresses).toBe(false);
    expect(refusalCode('http://kommune.example/hooks')).toBe(
      'webhook-url-not-allowed: contacts.1.webhookUrl must be an https URL',
    );
    expect(refusalCode('https://kommune.example/hooks')).toBeNull();
    expect(refusalCode('http://kommune.example/hooks', testPolicy)).toBeNull();
    expect(refusalCode('ftp://kommune.example/hooks', testPolicy)).toBe(
      'webhook-url-not-allowed: contacts.1.webhookUrl must be an https or http URL',
    );
  });

  it.each([
    'https://127.0.0.1/x',
    'https://169.254.169.254/latest/meta-data',
    'https://10.1.2.3/',
    'https://[::1]/',
    'https://[fd00:ec2::254]/',
    'https://[::ffff:10.0.0.1]/',
    'https://localhost/',
    'https://metadata.localhost./',
    'https://0x7f000001/',
    'https://2130706433/',
  ])('refuses %s, which can only point inside', (url) => {
    expect(refusalCode(url)).toMatch(
      /^webhook-url-not-allowed: contacts\.1\.webhookUrl points to a loopback, private, link-local or metadata address$/,
    );
  });

  it('lets WEBHOOK_ALLOW_PRIVATE_ADDRESSES (test only) through', () => {
    expect(refusalCode('http://127.0.0.1:4000/hook', { environment: 'test', allowPrivateAddresses: true })).toBeNull();
  });
});

describe('addresses', () => {
  it.each([
    ['8.8.8.8', false],
    ['2a00:1450:400f:80d::200e', false],
    ['127.0.0.1', true],
    ['0.0.0.0', true],
    ['100.64.0.1', true],
    ['172.31.255.255', true],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['224.0.0.1', true],
    ['::', true],
    ['fe80::1', true],
    ['64:ff9b::a00:1', true],
    ['2002:a00:1::', true],
    ['not an ip', true],
  ])('%s refused: %p', (address, refused) => {
    expect(isRefusedAddress(address)).toBe(refused);
  });

  it('at send time refuses literal inside addresses before any connection, and leaves names to the lookup', () => {
    expect(webhookUrlRefusal('https://169.254.169.254/', prodPolicy)).toEqual({
      category: 'address-refused',
      reason: expect.any(String),
    });
    expect(webhookUrlRefusal('http://kommune.example/', prodPolicy)?.category).toBe('url-refused');
    expect(webhookUrlRefusal('https://localhost/', prodPolicy)).toBeNull();
  });
});

describe('the lookup the webhook connections use', () => {
  const resolve = (allowPrivate: boolean, host: string, all: boolean) =>
    new Promise<{ error: Error | null; address: string | LookupAddress[] }>((done) => {
      guardedLookup(allowPrivate)(host, { all }, (error, address) => done({ error, address }));
    });

  it('refuses a name that resolves to loopback', async () => {
    const { error } = await resolve(false, 'localhost', false);
    expect(error).toBeInstanceOf(WebhookDeliveryError);
    expect(failureCategory(error)).toBe('address-refused');
  });

  it('answers the checked addresses in both callback forms when allowed', async () => {
    expect((await resolve(true, 'localhost', false)).address).toMatch(/^(127\.0\.0\.1|::1)$/);
    expect((await resolve(true, 'localhost', true)).address).toEqual(
      expect.arrayContaining([expect.objectContaining({ address: expect.any(String) })]),
    );
  });

  it('reports an unknown name as dns-failed', async () => {
    const { error } = await resolve(false, 'no-such-host.invalid', false);
    expect(failureCategory(error)).toBe('dns-failed');
  });
});

describe('lastError categories', () => {
  const coded = (code: string, message = 'connect ECONNREFUSED 10.0.0.7:443') =>
    Object.assign(new Error(message), { code });
  it.each([
    [coded('ECONNREFUSED'), 'connection-failed'],
    [coded('UND_ERR_HEADERS_TIMEOUT'), 'timeout'],
    [Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' }), 'timeout'],
    [coded('ERR_TLS_CERT_ALTNAME_INVALID'), 'tls-failed'],
    [coded('DEPTH_ZERO_SELF_SIGNED_CERT'), 'tls-failed'],
    [new Error('wrapper', { cause: coded('ENOTFOUND') }), 'dns-failed'],
    [new Error('something else entirely'), 'delivery-failed'],
  ])('%s is %s', (error, category) => {
    expect(failureCategory(error)).toBe(category);
  });
});
