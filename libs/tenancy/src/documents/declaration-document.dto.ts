import { ApiProperty } from '@nestjs/swagger';
import type { DeclarationDocumentEntity } from '#database';

export const PDF = 'application/pdf';

/** A stored signed document, without its bytes. */
export class DocumentMetadataView {
  @ApiProperty({ format: 'uuid' }) declarationId!: string;
  @ApiProperty({ example: PDF }) contentType!: string;
  @ApiProperty({ description: 'SHA-256 of the bytes, hex (equals the declaration’s documentSha256)' }) sha256!: string;
  @ApiProperty() sizeBytes!: number;
  @ApiProperty({ description: 'ISO 8601' }) uploadedAt!: string;
}

export function toDocumentMetadataView(entity: DeclarationDocumentEntity): DocumentMetadataView {
  return {
    declarationId: entity.declarationId,
    contentType: PDF,
    sha256: entity.sha256,
    sizeBytes: entity.sizeBytes,
    uploadedAt: entity.uploadedAt.toISOString(),
  };
}

/** A document to send: its bytes and the headers that describe them. */
export interface DocumentDownload {
  content: Buffer;
  contentType: typeof PDF;
  fileName: string;
  sha256: string;
}

/** The file name a download and the forwarded package give the document. */
export function documentFileName(tenantOrgnr: string, declarationId: string): string {
  return `tilslutningserklaering-${tenantOrgnr}-${declarationId}.pdf`;
}

/** RFC 9530 Repr-Digest of the bytes, from their hex SHA-256. */
export function reprDigest(sha256Hex: string): string {
  return `sha-256=:${Buffer.from(sha256Hex, 'hex').toString('base64')}:`;
}
