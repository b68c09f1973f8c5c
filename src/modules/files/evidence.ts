import { invalid } from '../../core/errors.ts';
import type { Db } from '../../db/engine.ts';
import { existingFiles } from './repository.ts';

/** A file attached to a record as evidence: its content hash and the name shown. */
export interface EvidenceRef {
  sha256: string;
  name: string;
}

/** The evidence list of a request, checked (SHA-256 hex), named (NFC, ≤ 255) and without repeats. */
export function cleanEvidence(evidence: unknown): EvidenceRef[] {
  if (!Array.isArray(evidence)) return [];
  const out = new Map<string, EvidenceRef>();
  for (const e of evidence as { sha256?: unknown; name?: unknown }[]) {
    if (typeof e?.sha256 !== 'string' || !/^[0-9a-f]{64}$/u.test(e.sha256))
      throw invalid({ evidence: 'Minh chứng: mã tệp không hợp lệ' });
    const name =
      typeof e.name === 'string' && e.name.trim()
        ? e.name.normalize('NFC').trim().slice(0, 255)
        : e.sha256.slice(0, 12);
    out.set(e.sha256, { sha256: e.sha256, name });
  }
  return [...out.values()];
}

/** The problem with the evidence field when some file was never uploaded, else null. */
export async function missingEvidence(db: Db, evidence: EvidenceRef[]): Promise<string | null> {
  const known = await existingFiles(
    db,
    evidence.map((e) => e.sha256),
  );
  const missing = evidence.filter((e) => !known.has(e.sha256));
  return missing.length > 0 ? `Minh chứng: chưa tải lên tệp ${missing.map((m) => m.name).join(', ')}` : null;
}
