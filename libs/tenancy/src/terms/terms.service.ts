import { Injectable } from '@nestjs/common';
import { DomainError } from '#core';
import { type ActingOperator, OperatorActionLog } from '../operator-action-log.js';
import { ALL_TENANTS, PolicyStateWriter } from '../policy-state/policy-state.writer.js';
import { isUniqueViolation } from '#database';
import { type PublishTermsDto, type TermsVersionView, toTermsVersionView } from './terms.dto.js';
import { TermsRepository } from './terms.repository.js';

/** Terms versions (service description and annexes) with their changelog; they concern every tenant. */
@Injectable()
export class TermsService {
  constructor(
    private readonly terms: TermsRepository,
    private readonly writer: PolicyStateWriter,
    private readonly actions: OperatorActionLog,
  ) {}

  async publish(dto: PublishTermsDto, actor: ActingOperator): Promise<TermsVersionView> {
    const publishedAt = dto.publishedAt ? new Date(dto.publishedAt) : new Date();
    const effectiveFrom = dto.effectiveFrom ? new Date(dto.effectiveFrom) : publishedAt;
    let view: TermsVersionView;
    try {
      view = await this.writer.write(ALL_TENANTS, async (manager) => {
        const published = toTermsVersionView(
          await this.terms.insert(manager, {
            version: dto.version,
            publishedAt,
            effectiveFrom,
            changelog: dto.changelog,
            requiresResign: dto.requiresResign,
          }),
        );
        await this.actions.record(manager, {
          actor,
          operation: 'terms.publish',
          tenantOrgnr: null,
          before: null,
          after: published,
        });
        return published;
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw new DomainError('terms-version-exists', `Terms version ${dto.version} is already published`);
      throw error;
    }
    return view;
  }

  async list(): Promise<TermsVersionView[]> {
    return (await this.terms.list()).map(toTermsVersionView);
  }
}
