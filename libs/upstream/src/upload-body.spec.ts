import { Readable } from 'node:stream';
import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { DomainError } from '#core';
import { PDF_MAGIC, type UploadContract } from './catalogue.js';
import { CheckedUpload } from './upload-body.js';

const contract: UploadContract = { mediaType: 'application/pdf', magic: PDF_MAGIC, maxBytes: 1000 };
const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(size - 9, 0x41)]);
/** A source that delivers `content` in pieces, as a request body does. */
const source = (content: Buffer, piece = 7) =>
  Readable.from(
    (function* () {
      for (let offset = 0; offset < content.length; offset += piece) yield content.subarray(offset, offset + piece);
    })(),
    { objectMode: false },
  );

async function drain(upload: CheckedUpload): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of upload.stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return error instanceof DomainError ? error.code : String(error);
  }
}

describe('CheckedUpload', () => {
  it('passes a PDF through byte for byte, first bytes included, and gives its SHA-256 and size', async () => {
    const content = pdf(1000);
    const upload = await CheckedUpload.open(source(content), contract, content.length);
    expect(await drain(upload)).toEqual(content);
    expect(upload.digest()).toEqual({ sha256: createHash('sha256').update(content).digest('hex'), bytes: 1000 });
    expect(upload.failure()).toBeUndefined();
    expect(upload.contentLength).toBe(1000);
  });

  it('refuses a declared length over the cap before reading a byte', async () => {
    const body = source(pdf(1001));
    expect(await codeOf(CheckedUpload.open(body, contract, 1001))).toBe('vedlegg-too-large');
    expect(body.readableDidRead).toBe(false);
  });

  it.each([
    ['another format', Buffer.from('GIF89a……')],
    ['a PDF header further in', Buffer.from(' %PDF-1.7')],
    ['fewer bytes than the magic', Buffer.from('%PD')],
    ['nothing', Buffer.alloc(0)],
  ])('refuses %s by its first bytes', async (_, content) => {
    expect(await codeOf(CheckedUpload.open(source(content, 2), contract, undefined))).toBe('vedlegg-not-pdf');
  });

  it('fails a chunked upload the moment it passes the cap, with no digest', async () => {
    const upload = await CheckedUpload.open(source(pdf(5000), 100), contract, undefined);
    expect(await codeOf(drain(upload))).toBe('vedlegg-too-large');
    expect(upload.failure()).toBeInstanceOf(DomainError);
    expect(upload.digest()).toBeUndefined();
  });
});
