import { describe, expect, it } from '@jest/globals';
import type { WebhookDeliveryEntity } from '#database';
import { toDeadLetterView } from './webhook.service.js';

const delivery = (url: string, payload: Record<string, unknown> = {}): WebhookDeliveryEntity => ({
  id: '7b0e3c1e-2a55-4f0e-9a51-3a8f7f0f0c11',
  tenantOrgnr: '974760673',
  url,
  event: 'incident.opened',
  payload,
  status: 'failed',
  attempts: 5,
  lastError: 'http-5xx',
  createdAt: new Date('2026-11-30T22:00:00Z'),
  deliveredAt: null,
});

describe('a dead letter as the operator sees it', () => {
  it('shows where it went without the query string (it may carry a secret) and the incident it was about', () => {
    expect(
      toDeadLetterView(delivery('https://kommune.example/hooks?token=s3cret', { incidentId: 'inc-1' })),
    ).toMatchObject({
      target: 'https://kommune.example/hooks',
      incidentId: 'inc-1',
      status: 'failed',
      attempts: 5,
    });
  });

  it('copes with a payload without an incident and an unparsable url', () => {
    expect(toDeadLetterView(delivery('not a url'))).toMatchObject({ target: '(invalid url)', incidentId: null });
  });
});
