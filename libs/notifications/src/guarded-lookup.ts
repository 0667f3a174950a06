import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { isRefusedAddress } from './address-policy.js';
import { WebhookDeliveryError } from './webhook-failure.js';

/**
 * A `lookup` for the webhook connections: resolves the host at connect time and refuses it when
 * any of its addresses is loopback, private, link-local or metadata, so the socket connects only
 * to an address that was checked (a DNS-rebinding answer cannot slip in between check and use).
 * Node skips `lookup` for literal IPs; the sender checks those itself (webhookUrlRefusal).
 */
export function guardedLookup(allowPrivateAddresses: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(
      hostname,
      { family: options.family, hints: options.hints, all: true },
      (error, addresses: LookupAddress[]) => {
        if (error) return callback(error, '', 0);
        if (
          addresses.length === 0 ||
          (!allowPrivateAddresses && addresses.some((entry) => isRefusedAddress(entry.address)))
        ) {
          return callback(new WebhookDeliveryError('address-refused'), '', 0);
        }
        if (options.all) return callback(null, addresses);
        callback(null, addresses[0].address, addresses[0].family);
      },
    );
  };
}
