/**
 * Boundaries of units (GeoJSON), for the leaders' map (issue 12). Pure: checks an uploaded FeatureCollection
 * and says what is wrong with it, feature by feature, in Vietnamese. Only what a map needs is kept: the
 * polygon of each unit, keyed by the unit's code (`properties.code`).
 */

export type Position = [number, number];
export type Geometry =
  { type: 'Polygon'; coordinates: Position[][] } | { type: 'MultiPolygon'; coordinates: Position[][][] };

export interface Boundary {
  code: string;
  geometry: Geometry;
}

export const GEO_LIMITS = { features: 20_000, positions: 2_000_000 } as const;

const isPosition = (p: unknown): p is Position =>
  Array.isArray(p) &&
  (p.length === 2 || p.length === 3) &&
  typeof p[0] === 'number' &&
  typeof p[1] === 'number' &&
  Number.isFinite(p[0]) &&
  Number.isFinite(p[1]) &&
  p[0] >= -180 &&
  p[0] <= 180 &&
  p[1] >= -90 &&
  p[1] <= 90;

/** A polygon's rings: each at least 4 positions, first equal to last (RFC 7946 §3.1.6). */
function ringsProblem(rings: unknown): string | null {
  if (!Array.isArray(rings) || rings.length === 0) return 'đa giác không có vòng nào';
  for (const ring of rings) {
    if (!Array.isArray(ring) || ring.length < 4) return 'mỗi vòng của đa giác cần ít nhất 4 điểm';
    if (!ring.every(isPosition)) return 'toạ độ phải là [kinh độ, vĩ độ] trong khoảng −180…180, −90…90';
    const [a, b] = [ring[0] as Position, ring[ring.length - 1] as Position];
    if (a[0] !== b[0] || a[1] !== b[1]) return 'vòng của đa giác phải khép kín (điểm đầu trùng điểm cuối)';
  }
  return null;
}

const positions = (g: Geometry): number =>
  g.type === 'Polygon'
    ? g.coordinates.reduce((n, r) => n + r.length, 0)
    : g.coordinates.reduce((n, p) => n + p.reduce((m, r) => m + r.length, 0), 0);

/**
 * Checks a GeoJSON FeatureCollection of unit boundaries: every feature a Polygon or MultiPolygon with a
 * `properties.code` of a known unit, each code once. Returns the boundaries, or every problem found (the
 * feature's number counted from 1 and its code), so that a file is taken whole or not at all.
 * @example parseBoundaries({ type: 'FeatureCollection', features: [] }, new Set()) → problems: no feature
 */
export function parseBoundaries(
  data: unknown,
  knownCodes: ReadonlySet<string>,
): { boundaries: Boundary[]; problems: string[] } {
  const problems: string[] = [];
  const d = data as { type?: unknown; features?: unknown } | null;
  if (!d || typeof d !== 'object' || d.type !== 'FeatureCollection' || !Array.isArray(d.features))
    return { boundaries: [], problems: ['tệp phải là GeoJSON kiểu FeatureCollection có danh sách features'] };
  if (d.features.length === 0) return { boundaries: [], problems: ['FeatureCollection không có feature nào'] };
  if (d.features.length > GEO_LIMITS.features)
    return { boundaries: [], problems: [`quá nhiều feature (${d.features.length}; tối đa ${GEO_LIMITS.features})`] };
  const seen = new Set<string>();
  const boundaries: Boundary[] = [];
  let total = 0;
  d.features.forEach((f: unknown, i) => {
    const feature = f as { type?: unknown; geometry?: { type?: unknown; coordinates?: unknown }; properties?: unknown };
    const props = (feature?.properties ?? {}) as { code?: unknown };
    const code = typeof props.code === 'string' || typeof props.code === 'number' ? String(props.code).trim() : '';
    const at = `feature ${i + 1}${code ? ` (mã ${code})` : ''}`;
    if (!feature || feature.type !== 'Feature') return problems.push(`${at}: không phải Feature`);
    if (!code) return problems.push(`${at}: thiếu properties.code (mã đơn vị)`);
    if (!knownCodes.has(code)) return problems.push(`${at}: không có đơn vị mã "${code}"`);
    if (seen.has(code)) return problems.push(`${at}: mã "${code}" đã có ở feature trước`);
    const g = feature.geometry;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon'))
      return problems.push(`${at}: geometry phải là Polygon hoặc MultiPolygon`);
    const problem =
      g.type === 'Polygon'
        ? ringsProblem(g.coordinates)
        : !Array.isArray(g.coordinates) || g.coordinates.length === 0
          ? 'MultiPolygon không có đa giác nào'
          : ((g.coordinates as unknown[]).map(ringsProblem).find((p) => p !== null) ?? null);
    if (problem) return problems.push(`${at}: ${problem}`);
    seen.add(code);
    // keep longitude and latitude only, six decimals (about 10 cm): what a map of communes needs
    const round = (p: Position): Position => [Math.round(p[0] * 1e6) / 1e6, Math.round(p[1] * 1e6) / 1e6];
    const geometry: Geometry =
      g.type === 'Polygon'
        ? { type: 'Polygon', coordinates: (g.coordinates as Position[][]).map((r) => r.map(round)) }
        : {
            type: 'MultiPolygon',
            coordinates: (g.coordinates as Position[][][]).map((p) => p.map((r) => r.map(round))),
          };
    total += positions(geometry);
    boundaries.push({ code, geometry });
    return undefined;
  });
  if (total > GEO_LIMITS.positions)
    problems.push(
      `quá nhiều điểm toạ độ (${total.toLocaleString('vi-VN')}; tối đa ` +
        `${GEO_LIMITS.positions.toLocaleString('vi-VN')}): đơn giản hoá ranh giới trước khi tải lên`,
    );
  return problems.length > 0 ? { boundaries: [], problems } : { boundaries, problems };
}

/**
 * Made-up boundaries for a list of units: squares in rows, around a centre. For the demo province only —
 * its units are made up too, and the map says the shapes are not real.
 * @example gridBoundaries(['A', 'B'], [106, 21], 0.1) → two squares side by side
 */
export function gridBoundaries(codes: string[], centre: Position, size: number): Boundary[] {
  const columns = Math.max(1, Math.ceil(Math.sqrt(codes.length)));
  const rows = Math.ceil(codes.length / columns);
  return codes.map((code, i) => {
    const x = centre[0] + (i % columns) * size - (columns * size) / 2;
    const y = centre[1] - Math.floor(i / columns) * size + (rows * size) / 2;
    const r = (v: number) => Math.round(v * 1e6) / 1e6;
    const ring: Position[] = [
      [r(x), r(y)],
      [r(x + size), r(y)],
      [r(x + size), r(y - size)],
      [r(x), r(y - size)],
      [r(x), r(y)],
    ];
    return { code, geometry: { type: 'Polygon', coordinates: [ring] } };
  });
}
