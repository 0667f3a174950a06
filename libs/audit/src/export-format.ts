import type { ChainRecord } from './chain.js';
import type { CheckpointSigner, ExportHeaderPayload, ExportSection } from './checkpoint-signer.js';

/**
 * Signed JSONL exports (`audit:verify` checks them offline). Lines, in order:
 *   {"type":"header","exportId","createdAt","filter","sections":[{chain,fromSeq,toSeq,prevHash}],"jws"}
 *   then per section, by seq:
 *   {"type":"event","chain","seq","prevHash","hash","event":{…ChainRecord}}
 *   {"type":"checkpoint","chain","seq","hash","sealedAt","jws"}   (after the event at its seq)
 * The header is signed, and every section ends with a signed checkpoint at its last seq, so a
 * removed, reordered or truncated part is detectable. A section is a contiguous seq range: it may
 * hold a few events just outside the requested time range (late commits sealed among them).
 */
export interface ExportEventLine {
  seq: number;
  prevHash: string;
  hash: string;
  record: ChainRecord;
}

export interface ExportCheckpointLine {
  seq: number;
  hash: string;
  sealedAt: string;
  jws: string;
}

export interface ExportSectionContent extends ExportSection {
  events: ExportEventLine[];
  checkpoints: ExportCheckpointLine[];
}

/** Renders an export's JSONL (newline-terminated); pure apart from signing the header. */
export async function renderExport(
  meta: Omit<ExportHeaderPayload, 'sections'>,
  sections: ExportSectionContent[],
  signer: CheckpointSigner,
): Promise<string> {
  const header: ExportHeaderPayload = {
    ...meta,
    sections: sections.map(({ chain, fromSeq, toSeq, prevHash }) => ({ chain, fromSeq, toSeq, prevHash })),
  };
  const out = [JSON.stringify({ type: 'header', ...header, jws: await signer.signExportHeader(header) })];
  for (const section of sections) {
    const checkpointsBySeq = new Map<number, ExportCheckpointLine[]>();
    for (const checkpoint of section.checkpoints)
      checkpointsBySeq.set(checkpoint.seq, [...(checkpointsBySeq.get(checkpoint.seq) ?? []), checkpoint]);
    for (const event of section.events) {
      out.push(
        JSON.stringify({
          type: 'event',
          chain: section.chain,
          seq: event.seq,
          prevHash: event.prevHash,
          hash: event.hash,
          event: event.record,
        }),
      );
      for (const checkpoint of checkpointsBySeq.get(event.seq) ?? []) {
        out.push(
          JSON.stringify({
            type: 'checkpoint',
            chain: section.chain,
            seq: checkpoint.seq,
            hash: checkpoint.hash,
            sealedAt: checkpoint.sealedAt,
            jws: checkpoint.jws,
          }),
        );
      }
    }
  }
  return `${out.join('\n')}\n`;
}
