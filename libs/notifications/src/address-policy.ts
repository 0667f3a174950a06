import { BlockList, isIP } from 'node:net';
import { DomainError, type PlatformEnvironment } from '#core';

/**
 * Where a webhook may never go unless WEBHOOK_ALLOW_PRIVATE_ADDRESSES is on: loopback, private,
 * shared (CGNAT), link-local (cloud metadata at 169.254.169.254 and fd00:ec2::254), multicast,
 * reserved and documentation ranges, and the IPv6 forms that embed an IPv4 address (NAT64, 6to4,
 * Teredo), which could smuggle any of those. BlockList itself checks IPv4-mapped IPv6 addresses
 * (::ffff:a.b.c.d) against the IPv4 ranges.
 */
const REFUSED = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  REFUSED.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  REFUSED.addSubnet(network, prefix, 'ipv6');
}

/** True for an IP address a webhook must not reach (anything not a valid IP counts as refused). */
export function isRefusedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  return REFUSED.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export interface WebhookAddressPolicy {
  environment: PlatformEnvironment;
  allowPrivateAddresses: boolean;
}

export type WebhookUrlRefusal = { category: 'url-refused' | 'address-refused'; reason: string };

const INSIDE = 'points to a loopback, private, link-local or metadata address';

/**
 * The check at send time, before connecting: https (plain http only under APP_ENV=test), and no
 * literal inside address (Node connects to a literal without a lookup). Host names are judged on
 * their resolved addresses as the socket connects (guardedLookup).
 */
export function webhookUrlRefusal(url: string, policy: WebhookAddressPolicy): WebhookUrlRefusal | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { category: 'url-refused', reason: 'is not a URL' };
  }
  const schemes = policy.environment === 'test' ? ['https:', 'http:'] : ['https:'];
  if (!schemes.includes(parsed.protocol)) {
    return {
      category: 'url-refused',
      reason: policy.environment === 'test' ? 'must be an https or http URL' : 'must be an https URL',
    };
  }
  const host = hostOf(parsed);
  if (!policy.allowPrivateAddresses && isIP(host) !== 0 && isRefusedAddress(host))
    return { category: 'address-refused', reason: INSIDE };
  return null;
}

/**
 * The check at registration: the send-time rules, and early feedback on the `localhost` names
 * (RFC 6761) that can only point inside. Other names are only known when the worker resolves them.
 */
export function assertWebhookUrlsAllowed(
  contacts: ReadonlyArray<{ webhookUrl?: string }>,
  policy: WebhookAddressPolicy,
): void {
  contacts.forEach((contact, index) => {
    if (contact.webhookUrl === undefined) return;
    let refusal = webhookUrlRefusal(contact.webhookUrl, policy);
    if (!refusal && !policy.allowPrivateAddresses && /(^|\.)localhost$/.test(hostOf(new URL(contact.webhookUrl))))
      refusal = { category: 'address-refused', reason: INSIDE };
    if (refusal) {
      const field = `contacts.${index}.webhookUrl`;
      throw new DomainError('webhook-url-not-allowed', `${field} ${refusal.reason}`, { extensions: { field } });
    }
  });
}

/** The host without IPv6 brackets or a trailing dot, lower-case. */
function hostOf(url: URL): string {
  return url.hostname
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '')
    .toLowerCase();
}
