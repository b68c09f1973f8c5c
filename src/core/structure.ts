import { spanCovers } from './spans.ts';
import { AREA_KINDS, type UnitKind } from './units.ts';

export interface VersionRow {
  unitId: number;
  code: string;
  kind: UnitKind;
  name: string;
  parentId: number | null;
  from: string;
  to: string | null;
}

/**
 * The organisational tree over a period, built from the unit versions that overlap it. Answers
 * "what did unit X look like, and where did it sit, on date D" without another query.
 */
export class Structure {
  private readonly byUnit = new Map<number, VersionRow[]>();

  constructor(versions: readonly VersionRow[]) {
    for (const v of versions) {
      const list = this.byUnit.get(v.unitId) ?? [];
      list.push(v);
      this.byUnit.set(v.unitId, list);
    }
    for (const list of this.byUnit.values()) list.sort((a, b) => (a.from < b.from ? -1 : 1));
  }

  unitIds(): number[] {
    return [...this.byUnit.keys()];
  }

  /** The version of a unit in force on date d, if any. */
  at(unitId: number, d: string): VersionRow | undefined {
    return this.byUnit.get(unitId)?.find((v) => spanCovers(v, d));
  }

  /**
   * The unit's last version that starts on or before `periodEnd`: the shape in which it ended the
   * period (for 2025, a commune is read on the post-reform tree; a district on its last day).
   */
  lastIn(unitId: number, periodEnd: string): VersionRow | undefined {
    const list = (this.byUnit.get(unitId) ?? []).filter((v) => v.from <= periodEnd);
    return list[list.length - 1];
  }

  /** The chain from the unit up to its root on date d, the unit first. Stops on cycles. */
  chain(unitId: number, d: string): VersionRow[] {
    const out: VersionRow[] = [];
    const seen = new Set<number>();
    let current = this.at(unitId, d);
    while (current && !seen.has(current.unitId)) {
      out.push(current);
      seen.add(current.unitId);
      current = current.parentId === null ? undefined : this.at(current.parentId, d);
    }
    return out;
  }

  /** True when `ancestorId` is the unit itself or above it on date d. */
  isWithin(unitId: number, ancestorId: number, d: string): boolean {
    return this.chain(unitId, d).some((v) => v.unitId === ancestorId);
  }

  /**
   * The area a unit is counted in on date d: its highest area (district, or commune after the
   * 2025 reform) directly below the province; units that hang straight off the province (its
   * departments, associations, media) are counted in the province itself.
   */
  areaOf(unitId: number, d: string): { id: number; name: string } | null {
    const chain = this.chain(unitId, d);
    const provinceIndex = chain.findIndex((v) => v.kind === 'province');
    if (provinceIndex < 0) return null;
    const below = chain[provinceIndex - 1];
    if (below && AREA_KINDS.has(below.kind)) return { id: below.unitId, name: below.name };
    const province = chain[provinceIndex]!;
    return { id: province.unitId, name: `${province.name} (cấp tỉnh)` };
  }
}
