import { Injectable } from '@nestjs/common';
import { DomainError } from '#core';
import { NoticeOutbox } from '#notifications';
import { DeclarationRepository } from '../declarations/declaration.repository.js';
import { type ActingOperator, OperatorActionLog } from '../operator-action-log.js';
import { ALL_TENANTS, PolicyStateWriter } from '../policy-state/policy-state.writer.js';
import { isUniqueViolation } from '#database';
import {
  type PublishTermsDto,
  type ResignDeclarationDto,
  type ResignOwedView,
  type TermsSignatureView,
  type TermsVersionView,
  toTermsSignatureView,
  toTermsVersionView,
} from './terms.dto.js';
import { TermsRepository } from './terms.repository.js';
import { TermsSignatureRepository } from './terms-signature.repository.js';

/** Declarations that can be signed again: those that grant, or are about to grant, access. */
const RESIGNABLE = new Set(['approved', 'active', 'suspended']);
const DAY_MS = 86_400_000;

/**
 * Terms versions as published (the tjenestebeskrivelse and its annexes, each document's version,
 * URL, date and SHA-256, and the endringslogg); who must sign a version requiring it; the
 * re-signatures. They concern every tenant.
 */
@Injectable()
export class TermsService {
  constructor(
    private readonly terms: TermsRepository,
    private readonly declarations: DeclarationRepository,
    private readonly signatureRows: TermsSignatureRepository,
    private readonly writer: PolicyStateWriter,
    private readonly actions: OperatorActionLog,
    private readonly notices: NoticeOutbox,
  ) {}

  async publish(dto: PublishTermsDto, actor: ActingOperator): Promise<TermsVersionView> {
    const publishedAt = dto.publishedAt ? new Date(dto.publishedAt) : new Date();
    const effectiveFrom = dto.effectiveFrom ? new Date(dto.effectiveFrom) : publishedAt;
    if (dto.resignBy !== undefined && !dto.requiresResign)
      throw new DomainError('invalid-request', 'resignBy is only for a version that requires re-signing');
    const resignBy = dto.requiresResign ? (dto.resignBy ? new Date(dto.resignBy) : effectiveFrom) : null;
    if (resignBy && resignBy < effectiveFrom)
      throw new DomainError('invalid-request', 'resignBy cannot be before effectiveFrom');
    const kinds = (dto.documents ?? []).map((document) => document.kind);
    if (new Set(kinds).size !== kinds.length)
      throw new DomainError('invalid-request', 'Each kind of document may appear once');
    const changelogEntries = dto.changelogEntries?.length
      ? dto.changelogEntries.map((entry) => ({ ...entry }))
      : [{ date: publishedAt.toISOString().slice(0, 10), section: 'Ikke angitt', text: dto.changelog }];
    try {
      return await this.writer.write(ALL_TENANTS, async (manager) => {
        const published = toTermsVersionView(
          await this.terms.insert(manager, {
            version: dto.version,
            publishedAt,
            effectiveFrom,
            changelog: dto.changelog,
            changelogEntries,
            documents: (dto.documents ?? []).map((document) => ({
              ...document,
              sha256: document.sha256.toLowerCase(),
            })),
            requiresResign: dto.requiresResign,
            resignBy,
          }),
        );
        await this.actions.record(manager, {
          actor,
          operation: 'terms.publish',
          tenantOrgnr: null,
          before: null,
          after: published,
        });
        // Those who must sign it hear so with the publication (the worker reminds them before resignBy).
        if (published.requiresResign && published.resignBy) {
          for (const owed of await this.terms.owingResign(published.version, manager)) {
            await this.notices.enqueue(manager, owed.orgnr, {
              event: 'terms.resign-required',
              data: {
                version: published.version,
                resignBy: published.resignBy,
                signedVersion: owed.signed_version,
                changelog: published.changelog,
              },
              dedupeKey: `terms-resign:${published.version}:published:${owed.orgnr}`,
            });
          }
        }
        return published;
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw new DomainError('terms-version-exists', `Terms version ${dto.version} is already published`);
      throw error;
    }
  }

  async list(): Promise<TermsVersionView[]> {
    return (await this.terms.list()).map(toTermsVersionView);
  }

  async get(version: string): Promise<TermsVersionView> {
    const found = await this.terms.find(version);
    if (!found) throw unknownVersion(version);
    return toTermsVersionView(found);
  }

  /** The tenants whose declarations in force still have to be signed under `version` (empty unless it requires re-signing). */
  async owingResign(version: string): Promise<ResignOwedView[]> {
    const terms = await this.terms.find(version);
    if (!terms) throw unknownVersion(version);
    if (!terms.requiresResign || !terms.resignBy) return [];
    const resignBy = terms.resignBy;
    return (await this.terms.owingResign(version)).map((row) => ({
      orgnr: row.orgnr,
      name: row.name,
      declarationId: row.declaration_id,
      declarationStatus: row.declaration_status,
      signedVersion: row.signed_version,
      resignBy: resignBy.toISOString(),
      overdue: resignBy.getTime() <= Date.now(),
    }));
  }

  /** Records that the municipality signed the declaration again under a newer version; the gateway accepts it at once. */
  async resign(declarationId: string, dto: ResignDeclarationDto, actor: ActingOperator): Promise<TermsSignatureView> {
    const found = await this.declarations.findById(declarationId);
    if (!found) throw new DomainError('declaration-not-found', `No declaration ${declarationId.slice(0, 64)}`);
    return this.writer.write(found.tenantOrgnr, async (manager) => {
      const declaration = await this.declarations.findForUpdate(found.tenantOrgnr, declarationId, manager);
      if (!declaration) throw new DomainError('declaration-not-found', `No declaration ${declarationId.slice(0, 64)}`);
      if (!RESIGNABLE.has(declaration.status)) {
        throw new DomainError('invalid-transition', `A ${declaration.status} declaration cannot be signed again`, {
          extensions: { currentStatus: declaration.status, action: 'resign', allowed: [] },
        });
      }
      const [signed, wanted] = [
        await this.terms.find(declaration.termsVersion, manager),
        await this.terms.find(dto.termsVersion, manager),
      ];
      if (!wanted) throw unknownVersion(dto.termsVersion);
      if (signed && wanted.effectiveFrom <= signed.effectiveFrom) {
        throw new DomainError(
          'terms-version-not-newer',
          `The declaration is signed under ${signed.version}; ${wanted.version} is not newer`,
        );
      }
      const signature = await this.signatureRows.insert(
        declaration.tenantOrgnr,
        {
          declarationId,
          termsVersion: wanted.version,
          signedBy: dto.signedBy,
          signedAt: new Date(dto.signedAt),
          documentSha256: dto.documentSha256.toLowerCase(),
          recordedBy: actor.subject,
        },
        manager,
      );
      await this.declarations.change(declaration.tenantOrgnr, declarationId, { termsVersion: wanted.version }, manager);
      const view = toTermsSignatureView(signature);
      await this.actions.record(manager, {
        actor,
        operation: 'declaration.resign',
        tenantOrgnr: declaration.tenantOrgnr,
        before: { termsVersion: declaration.termsVersion },
        after: view,
      });
      return view;
    });
  }

  /**
   * Worker: reminds the tenants still to re-sign, `days` before a version's resignBy (each stage of
   * NOTICE_RESIGN_REMINDER_DAYS once per tenant: the dedupe key makes a repeated sweep harmless).
   * Returns how many notices were enqueued.
   */
  async scheduleResignReminders(reminderDays: readonly number[], now = new Date()): Promise<number> {
    const longest = Math.max(0, ...reminderDays);
    let enqueued = 0;
    for (const terms of await this.terms.resignDeadlinesBetween(now, new Date(now.getTime() + longest * DAY_MS))) {
      const resignBy = terms.resignBy as Date;
      const daysLeft = (resignBy.getTime() - now.getTime()) / DAY_MS;
      // The nearest stage reached: a tenant 2 days from the deadline gets the 3-day reminder, not the 14-day one too.
      const stage = [...reminderDays].sort((a, b) => a - b).find((days) => daysLeft <= days);
      if (stage === undefined) continue;
      for (const owed of await this.terms.owingResign(terms.version)) {
        enqueued += await this.terms.transaction((manager) =>
          this.notices.enqueue(manager, owed.orgnr, {
            event: 'terms.resign-reminder',
            data: {
              version: terms.version,
              resignBy: resignBy.toISOString(),
              signedVersion: owed.signed_version,
              daysLeft: Math.ceil(daysLeft),
            },
            dedupeKey: `terms-resign:${terms.version}:${stage}d:${owed.orgnr}`,
          }),
        );
      }
    }
    return enqueued;
  }

  async signatures(declarationId: string): Promise<TermsSignatureView[]> {
    const declaration = await this.declarations.findById(declarationId);
    if (!declaration) throw new DomainError('declaration-not-found', `No declaration ${declarationId.slice(0, 64)}`);
    return (await this.signatureRows.listForDeclaration(declaration.tenantOrgnr, declarationId)).map(
      toTermsSignatureView,
    );
  }
}

function unknownVersion(version: string): DomainError {
  return new DomainError('terms-version-unknown', `Terms version ${version.slice(0, 40)} is not published`);
}
