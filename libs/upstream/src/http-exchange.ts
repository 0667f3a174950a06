import type { Dispatcher } from 'undici';

export interface ExchangeAnswer {
  status: number;
  contentType?: string;
  body: Buffer;
}

/** The answer grew past the cap; the exchange was aborted. */
export class ResponseTooLarge extends Error {}

/**
 * One HTTP exchange on an undici dispatcher, its answer gathered into one Buffer of at most
 * `maxBytes`. Straight on `dispatch`, so a call makes no response stream, async iterator or
 * AbortSignal: on the hot path these cost more than the exchange's own parsing. `abort(reason)`
 * (a timeout) settles it at once with `reason`, whether or not it has reached a connection yet.
 */
export class HttpExchange implements Dispatcher.DispatchHandler {
  readonly answer: Promise<ExchangeAnswer>;
  private resolve!: (answer: ExchangeAnswer) => void;
  private reject!: (error: Error) => void;
  private controller: Dispatcher.DispatchController | undefined;
  private abortReason: Error | undefined;
  private settled = false;
  private status = 0;
  private contentType: string | undefined;
  private readonly chunks: Buffer[] = [];
  private size = 0;

  constructor(
    private readonly maxBytes: number,
    /** Called once the answer's status and headers are in. */
    private readonly headersArrived?: () => void,
  ) {
    this.answer = new Promise<ExchangeAnswer>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  abort(reason: Error): void {
    if (this.settled) return;
    this.abortReason = reason;
    this.controller?.abort(reason);
    this.fail(reason);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.abortReason) controller.abort(this.abortReason);
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Record<string, string | string[] | undefined>,
  ): void {
    if (statusCode < 200) return;
    this.status = statusCode;
    const contentType = headers['content-type'];
    this.contentType = Array.isArray(contentType) ? contentType[0] : contentType;
    this.headersArrived?.();
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      const tooLarge = new ResponseTooLarge();
      controller.abort(tooLarge);
      this.fail(tooLarge);
      return;
    }
    this.chunks.push(chunk);
  }

  onResponseEnd(): void {
    if (this.settled) return;
    this.settled = true;
    const body = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.size);
    this.resolve({ status: this.status, contentType: this.contentType, body });
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.fail(error);
  }

  private fail(error: Error): void {
    if (this.settled) return;
    this.settled = true;
    this.reject(error);
  }
}
