import type { Db } from '../../db/engine.ts';
import { windowCounts } from './repository.ts';

export interface WindowSummary {
  from: string;
  to: string;
  /** by record type (communication_session included): how many, how many approved, participants */
  byType: { type: string; total: number; approved: number; participants: number }[];
}

/** What a unit recorded in a window: the figures a periodic report is pre-filled with. */
export async function windowSummary(db: Db, unitId: number, from: string, to: string): Promise<WindowSummary> {
  const byType = new Map<string, { type: string; total: number; approved: number; participants: number }>();
  for (const r of await windowCounts(db, unitId, from, to)) {
    const t = byType.get(r.type) ?? { type: r.type, total: 0, approved: 0, participants: 0 };
    t.total += r.n;
    if (r.status === 'approved') t.approved += r.n;
    t.participants += r.participants;
    byType.set(r.type, t);
  }
  return { from, to, byType: [...byType.values()].sort((a, b) => a.type.localeCompare(b.type)) };
}
