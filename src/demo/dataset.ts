import { todayInVietnam } from '../core/dates.ts';
import type { SessionInput } from '../core/sessions.ts';
import type { UnitKind } from '../core/units.ts';
import type { Ctx } from '../modules/context.ts';
import { setMeta } from '../modules/meta/repository.ts';
import { insertSessions } from '../modules/sessions/repository.ts';
import { writeUnitHistories } from '../modules/units/repository.ts';
import { pick, seededRandom } from './random.ts';
import { demoSession, randomDateIn } from './sessions.ts';

export interface DatasetOptions {
  units: number;
  fromYear: number;
  toYear: number;
  seed: number;
  /** Total sessions to spread over units and years; default 3 per unit and year. */
  sessions?: number | undefined;
}

/**
 * A reproducible generated province for benchmarks and load tests ("DEMO-GEN-<seed>", labelled as
 * generated demo data): departments and associations at province level, districts until 30/6/2025,
 * communes under them, and sessions spread at random over units and years.
 */
export async function generateDataset(
  ctx: Ctx,
  o: DatasetOptions,
): Promise<{ units: number; sessions: number; provinceCode: string }> {
  const rnd = seededRandom(o.seed);
  const p = `DEMO-GEN-${o.seed}`;
  const today = todayInVietnam();
  const end = `${o.toYear}-12-31` < today ? `${o.toYear}-12-31` : today;
  const units: {
    code: string;
    kind: UnitKind;
    isNew: boolean;
    spans: { from: string; to: string | null; value: { name: string; parentCode: string | null } }[];
  }[] = [];
  const add = (code: string, kind: UnitKind, name: string, parent: string | null) =>
    units.push({
      code,
      kind,
      isNew: true,
      spans: [{ from: `${o.fromYear - 1}-01-01`, to: null, value: { name, parentCode: parent } }],
    });
  add(p, 'province', `Tỉnh mẫu sinh tự động ${o.seed} (DỮ LIỆU MẪU)`, null);
  const districts = Math.max(2, Math.round(o.units / 50));
  const provincial = Math.min(40, Math.max(5, Math.round(o.units * 0.08)));
  const kinds: UnitKind[] = ['department', 'association', 'media', 'school', 'enterprise'];
  for (let i = 0; i < provincial; i++) add(`${p}-T${i + 1}`, pick(rnd, kinds), `Đơn vị cấp tỉnh mẫu số ${i + 1}`, p);
  for (let d = 0; d < districts; d++) add(`${p}-H${d + 1}`, 'district', `Huyện mẫu số ${d + 1}`, p);
  for (let c = 0; units.length < o.units; c++)
    add(`${p}-X${c + 1}`, 'commune', `Xã mẫu số ${c + 1}`, `${p}-H${(c % districts) + 1}`);
  const ids = new Map<string, number>();
  const total = o.sessions ?? (o.units - 1) * (o.toYear - o.fromYear + 1) * 3;
  await ctx.db.transaction().execute(async (trx) => {
    await writeUnitHistories(trx, units, ids);
    const reporting = units.filter((u) => u.kind !== 'province').map((u) => ids.get(u.code)!);
    let batch: SessionInput[] = [];
    for (let i = 0; i < total; i++) {
      const year = o.fromYear + Math.floor(rnd() * (o.toYear - o.fromYear + 1));
      const date = randomDateIn(rnd, year, `${year}-01-01`, end) ?? end;
      batch.push(demoSession(rnd, pick(rnd, reporting), date));
      if (batch.length === 5000) {
        await insertSessions(trx, batch, null);
        batch = [];
      }
    }
    await insertSessions(trx, batch, null);
    await setMeta(trx, `generated:${p}`, { units: units.length, sessions: total, seed: o.seed });
  });
  return { units: units.length, sessions: total, provinceCode: p };
}
