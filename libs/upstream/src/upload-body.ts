import { createHash, type Hash } from 'node:crypto';
import { type Readable, Transform, type TransformCallback } from 'node:stream';
import { DomainError } from '#core';
import type { UploadContract } from './catalogue.js';

/** A request body streamed to the upstream as it arrives, never held whole in memory. */
export interface StreamedBody {
  stream: Readable;
  contentType: string;
  /** As the caller declared it (Node's HTTP parser holds the body to exactly this length); chunked when absent. */
  contentLength?: number;
  /** Why the stream failed on the caller's side (too large, aborted), if it did: then the upstream is not at fault. */
  failure(): Error | undefined;
}

export function isStreamedBody(body: unknown): body is StreamedBody {
  return typeof body === 'object' && body !== null && typeof (body as StreamedBody).failure === 'function';
}

/** What the upload was, once every byte went through: its SHA-256 (lowercase hex) and size. */
export interface UploadDigest {
  sha256: string;
  bytes: number;
}

function tooLarge(contract: UploadContract): DomainError {
  return new DomainError(
    'vedlegg-too-large',
    `The document is larger than ${contract.maxBytes} bytes, the most this platform accepts`,
    { extensions: { maxBytes: contract.maxBytes } },
  );
}

/**
 * Counts and hashes the bytes on their way upstream, and fails the moment they pass the cap (a
 * chunked upload declares no length up front), so no more than one chunk past the cap is read.
 */
class Meter extends Transform {
  private readonly hash: Hash = createHash('sha256');
  private bytes = 0;
  digest?: UploadDigest;
  failed?: Error;

  constructor(
    private readonly contract: UploadContract,
    private readonly onTooLarge: () => void,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.contract.maxBytes) {
      this.failed = tooLarge(this.contract);
      this.onTooLarge();
      callback(this.failed);
      return;
    }
    this.hash.update(chunk);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    this.digest = { sha256: this.hash.digest('hex'), bytes: this.bytes };
    callback();
  }
}

/** The first `count` bytes of a stream, put back so that whoever reads next sees them again; fewer if it ends sooner. */
function peek(source: Readable, count: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (error?: Error) => {
      source.off('readable', onReadable);
      source.off('end', onEnd);
      source.off('error', onError);
      if (error) return reject(error);
      const head = Buffer.concat(chunks, size);
      // Put back in the same tick as the last read: the stream cannot have ended in between.
      if (size >= count) source.unshift(head);
      resolve(head.subarray(0, count));
    };
    const onReadable = () => {
      let chunk: Buffer | null;
      while (size < count && (chunk = source.read() as Buffer | null) !== null) {
        chunks.push(chunk);
        size += chunk.length;
      }
      if (size >= count) done();
    };
    const onEnd = () => done();
    const onError = (error: Error) => done(error);
    source.on('readable', onReadable);
    source.once('end', onEnd);
    source.once('error', onError);
    onReadable();
  });
}

/**
 * A caller's upload on its way upstream, checked against the operation's upload contract: a
 * declared length over the cap is refused before a byte is read, a file that does not start with
 * the contract's magic bytes (`%PDF-`) once its first bytes are in, and a chunked upload that runs
 * past the cap while it streams. Either refusal comes before the upstream hears of the upload,
 * except the last, which aborts the upstream request mid-body.
 */
export class CheckedUpload implements StreamedBody {
  readonly stream: Readable;
  readonly contentType: string;

  private constructor(
    private readonly source: Readable,
    private readonly meter: Meter,
    contract: UploadContract,
    readonly contentLength: number | undefined,
  ) {
    this.contentType = contract.mediaType;
    this.stream = meter;
    source.pipe(meter);
    // The caller went away mid-upload: the upstream request fails with the caller's fault, not the upstream's.
    const aborted = () => {
      if (meter.digest || meter.failed) return;
      meter.failed = new DomainError('invalid-request', 'The upload ended before its last byte arrived');
      meter.destroy(meter.failed);
    };
    source.once('error', aborted);
    source.once('close', () => {
      if (!source.readableEnded) aborted();
    });
  }

  /** Checks what can be checked before anything is sent: the declared length, then the first bytes. */
  static async open(
    source: Readable,
    contract: UploadContract,
    declaredLength: number | undefined,
  ): Promise<CheckedUpload> {
    if (declaredLength !== undefined && declaredLength > contract.maxBytes) throw tooLarge(contract);
    const head = await peek(source, contract.magic.length);
    if (!head.equals(contract.magic)) {
      discard(source);
      throw new DomainError(
        'vedlegg-not-pdf',
        'The document is not a PDF: its content does not start with %PDF-, whatever its name or Content-Type says',
      );
    }
    let upload: CheckedUpload | undefined = undefined;
    const meter = new Meter(contract, () => upload?.release());
    upload = new CheckedUpload(source, meter, contract, declaredLength);
    return upload;
  }

  failure(): Error | undefined {
    return this.meter.failed;
  }

  /** SHA-256 and size, once the whole upload went through; undefined if it did not. */
  digest(): UploadDigest | undefined {
    return this.meter.failed ? undefined : this.meter.digest;
  }

  /** Whatever of the upload was not sent is read and dropped, so the caller's connection can carry the answer. */
  release(): void {
    this.source.unpipe(this.meter);
    discard(this.source);
  }
}

/** Reads the rest of a request body into nothing. */
function discard(source: Readable): void {
  if (!source.readableEnded) source.resume();
}
