import type { FastifyReply } from 'fastify';
import { type DocumentDownload, reprDigest } from './declaration-document.dto.js';

/** Headers of a signed-document download (to an operator or to the municipality); the bytes are the handler's answer. */
export function sendDocument(reply: FastifyReply, document: DocumentDownload): Buffer {
  void reply
    .type(document.contentType)
    .header('content-disposition', `attachment; filename="${document.fileName}"`)
    .header('repr-digest', reprDigest(document.sha256))
    .header('cache-control', 'no-store');
  return document.content;
}
