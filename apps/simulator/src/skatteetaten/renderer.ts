import { randomUUID } from 'node:crypto';

export type Format = 'json' | 'xml';

/** JSON unless the caller asks for XML; undefined (406) for anything else (reference §0). */
export function negotiate(accept: string | undefined): Format | undefined {
  if (!accept || !accept.trim()) return 'json';
  const types = accept.split(',').map((part) => part.split(';')[0].trim().toLowerCase());
  for (const type of types) {
    if (type === 'application/json' || type === '*/*' || type === 'application/*') return 'json';
    if (type === 'application/xml' || type === 'text/xml') return 'xml';
  }
  return undefined;
}

export const CONTENT_TYPE: Record<Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
};

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Arrays repeat the element under its own name; objects nest; null is an empty element. */
function element(name: string, value: unknown): string {
  if (Array.isArray(value)) return value.map((item) => element(name, item)).join('');
  if (value === null || value === undefined) return `<${name}/>`;
  if (typeof value === 'object') {
    const children = Object.entries(value as Record<string, unknown>)
      .map(([key, child]) => element(key, child))
      .join('');
    return `<${name}>${children}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/** A straightforward XML rendering of a JSON payload under `root` (a top-level array becomes `<root><item/>…</root>`). */
export function renderXml(root: string, data: unknown, itemName = 'element'): string {
  const body = Array.isArray(data) ? `<${root}>${element(itemName, data)}</${root}>` : element(root, data);
  return `${XML_DECLARATION}${body}`;
}

export interface ErrorBody {
  kode: string;
  melding: string;
  korrelasjonsid: string;
}

export function errorBody(kode: string, melding: string): ErrorBody {
  return { kode, melding, korrelasjonsid: randomUUID() };
}

/** Skatteetaten's error body (docs/om/feil.md; specs/skatteetaten-common/feil.xsd). */
export function renderError(format: Format, body: ErrorBody): string {
  if (format === 'json') return JSON.stringify(body);
  return `${XML_DECLARATION}<feil xmlns="urn:no:skatteetaten:datasamarbeid:feil:v1"><kode>${escapeXml(body.kode)}</kode><melding>${escapeXml(body.melding)}</melding><korrelasjonsid>${body.korrelasjonsid}</korrelasjonsid></feil>`;
}
