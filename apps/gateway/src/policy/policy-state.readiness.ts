import { Injectable } from '@nestjs/common';
import type { ReadinessCheck } from '#runtime';
import { PolicyStateStore } from './policy-state.store.js';

/** The gateway is ready only with a current policy state (DESIGN §10). */
@Injectable()
export class PolicyStateReadiness implements ReadinessCheck {
  readonly name = 'policy-state';

  constructor(private readonly store: PolicyStateStore) {}

  async check(): Promise<void> {
    this.store.assertFresh();
  }
}
