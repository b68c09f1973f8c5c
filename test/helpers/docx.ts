import { strFromU8, unzipSync } from 'fflate';

/** The XML parts of a DOCX (or any OOXML file) by name, e.g. `word/document.xml`. */
export function ooxmlParts(file: Buffer): Record<string, string> {
  const parts = unzipSync(new Uint8Array(file));
  return Object.fromEntries(
    Object.entries(parts)
      .filter(([name]) => name.endsWith('.xml') || name.endsWith('.rels'))
      .map(([name, bytes]) => [name, strFromU8(bytes)]),
  );
}

const unescape = (s: string) =>
  s
    .replace(/&lt;/gu, '<')
    .replace(/&gt;/gu, '>')
    .replace(/&quot;/gu, '"')
    .replace(/&apos;/gu, "'")
    .replace(/&amp;/gu, '&');

/** The visible text of a piece of WordprocessingML: its runs' text, paragraphs apart by a newline. */
export function textOf(xml: string): string {
  return xml
    .split(/<\/w:p>/u)
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/gu)].map((m) => unescape(m[1]!)).join(''))
    .filter(Boolean)
    .join('\n');
}

/**
 * Every table of a document as rows of cell texts (top-level tables only; a cell's paragraphs joined by a
 * newline), in document order.
 */
export function tablesOf(documentXml: string): string[][][] {
  const tables: string[][][] = [];
  for (const t of documentXml.split('<w:tbl>').slice(1)) {
    const body = t.split('</w:tbl>')[0]!;
    tables.push(
      body
        .split(/<w:tr[ >]/u)
        .slice(1)
        .map((row) =>
          row
            .split(/<w:tc[ >]/u)
            .slice(1)
            .map((c) => textOf(c)),
        ),
    );
  }
  return tables;
}
