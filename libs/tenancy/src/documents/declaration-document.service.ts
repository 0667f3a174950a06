import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, DomainError, Orgnr } from '#core';
import { DeclarationRepository } from '../declarations/declaration.repository.js';
import { type ActingOperator, OperatorActionLog } from '../operator-action-log.js';
import { DeclarationDocumentRepository } from './declaration-document.repository.js';
import {
  type DocumentDownload,
  documentFileName,
  type DocumentMetadataView,
  PDF,
  toDocumentMetadataView,
} from './declaration-document.dto.js';

const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');

/**
 * Signed declaration documents (the PDF the municipality signed): stored in PostgreSQL in a table
 * of their own, checked to be a PDF whose SHA-256 is the declaration's `documentSha256`; read by
 * operators and by the municipality itself; deleted DOCUMENT_RETENTION_DAYS after the declaration
 * ended (DocumentRetention).
 */
@Injectable()
export class DeclarationDocumentService {
  constructor(
    private readonly documents: DeclarationDocumentRepository,
    private readonly declarations: DeclarationRepository,
    private readonly actions: OperatorActionLog,
  ) {}

  /** Stores the operator's upload; 415 when not sent as application/pdf, 422 when not a PDF or not the signed one. */
  async upload(declarationId: string, body: unknown, actor: ActingOperator): Promise<DocumentMetadataView> {
    if (!Buffer.isBuffer(body)) throw new DomainError('unsupported-media-type', `Send the signed document as ${PDF}`);
    const declaration = await this.declarations.findById(declarationId);
    if (!declaration) throw new DomainError('declaration-not-found', `No declaration ${declarationId.slice(0, 64)}`);
    // The size cap is the content-type parser's (413 payload-too-large); here what the bytes are.
    if (body.length < PDF_MAGIC.length || !body.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) {
      throw new DomainError('document-not-pdf', 'The document does not start with %PDF-');
    }
    const sha256 = createHash('sha256').update(body).digest('hex');
    if (sha256 !== declaration.documentSha256) {
      throw new DomainError(
        'document-hash-mismatch',
        `The document's SHA-256 is ${sha256}; the declaration was signed with ${declaration.documentSha256}`,
        {
          extensions: { expectedSha256: declaration.documentSha256, actualSha256: sha256 },
        },
      );
    }
    return this.documents.transaction(async (manager) => {
      const before = await this.documents.find(declaration.tenantOrgnr, declarationId, manager);
      const stored = await this.documents.store(
        declaration.tenantOrgnr,
        {
          declarationId,
          content: body,
          sha256,
          sizeBytes: body.length,
          uploadedBy: actor.subject,
        },
        manager,
      );
      const after = toDocumentMetadataView(stored);
      await this.actions.record(manager, {
        actor,
        operation: 'declaration.document-upload',
        tenantOrgnr: declaration.tenantOrgnr,
        before: before ? toDocumentMetadataView(before) : null,
        after,
      });
      return after;
    });
  }

  /** The operator's download (any tenant's): the declaration names the tenant. */
  async download(declarationId: string): Promise<DocumentDownload> {
    const declaration = await this.declarations.findById(declarationId);
    const document = declaration ? await this.documents.withContent(declaration.tenantOrgnr, declarationId) : null;
    return toDownload(document, declarationId);
  }

  /** The municipality's download: its own declarations only (another's is not found). */
  async downloadOwn(tenantOrgnr: string, declarationId: string): Promise<DocumentDownload> {
    return toDownload(await this.documents.withContent(Orgnr.parse(tenantOrgnr).value, declarationId), declarationId);
  }
}

function toDownload(
  document: Awaited<ReturnType<DeclarationDocumentRepository['withContent']>>,
  declarationId: string,
): DocumentDownload {
  if (!document)
    throw new DomainError(
      'document-not-found',
      `No signed document is stored for declaration ${declarationId.slice(0, 64)}`,
    );
  return {
    content: document.content,
    contentType: PDF,
    fileName: documentFileName(document.tenantOrgnr, document.declarationId),
    sha256: document.sha256,
  };
}

/** Deletes documents DOCUMENT_RETENTION_DAYS after their declaration ended; run by the worker's retention job. */
@Injectable()
export class DocumentRetention {
  private readonly logger = new Logger('DocumentRetention');

  constructor(
    private readonly documents: DeclarationDocumentRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(): Promise<number> {
    const { retentionDays } = this.config.onboarding.documents;
    const deleted = await this.documents.deleteExpired(retentionDays);
    if (deleted > 0) this.logger.log({ deleted, retentionDays }, 'expired declaration documents deleted');
    return deleted;
  }
}
