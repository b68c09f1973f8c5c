import { describe, expect, it } from 'vitest';
import { gridBoundaries, parseBoundaries } from './geo.ts';

const square: [number, number][] = [
  [106, 21],
  [106.1, 21],
  [106.1, 20.9],
  [106, 20.9],
  [106, 21],
];
const feature = (code: unknown, geometry: unknown = { type: 'Polygon', coordinates: [square] }) => ({
  type: 'Feature',
  properties: { code },
  geometry,
});
const known = new Set(['X01', 'X02']);

describe('unit boundaries from GeoJSON', () => {
  it('takes polygons and multipolygons keyed by unit code, rounded to six decimals', () => {
    const r = parseBoundaries(
      {
        type: 'FeatureCollection',
        features: [
          feature('X01', { type: 'Polygon', coordinates: [square.map(([x, y]) => [x + 1e-9, y, 12])] }),
          feature('X02', { type: 'MultiPolygon', coordinates: [[square]] }),
        ],
      },
      known,
    );
    expect(r.problems).toEqual([]);
    expect(r.boundaries.map((b) => [b.code, b.geometry.type])).toEqual([
      ['X01', 'Polygon'],
      ['X02', 'MultiPolygon'],
    ]);
    expect(r.boundaries[0]!.geometry.coordinates[0]![0]).toEqual([106, 21]);
  });

  it('refuses a malformed file whole, naming every feature that is wrong and why', () => {
    expect(parseBoundaries({ type: 'Feature' }, known).problems).toEqual([
      'tệp phải là GeoJSON kiểu FeatureCollection có danh sách features',
    ]);
    expect(parseBoundaries({ type: 'FeatureCollection', features: [] }, known).problems).toEqual([
      'FeatureCollection không có feature nào',
    ]);
    const r = parseBoundaries(
      {
        type: 'FeatureCollection',
        features: [
          feature('X01'),
          feature('X01'),
          feature('NOPE'),
          feature(''),
          feature('X02', { type: 'Point', coordinates: [106, 21] }),
          {
            type: 'Feature',
            properties: { code: 'X02' },
            geometry: { type: 'Polygon', coordinates: [square.slice(0, 4)] },
          },
        ],
      },
      known,
    );
    expect(r.boundaries).toEqual([]);
    expect(r.problems).toEqual([
      'feature 2 (mã X01): mã "X01" đã có ở feature trước',
      'feature 3 (mã NOPE): không có đơn vị mã "NOPE"',
      'feature 4: thiếu properties.code (mã đơn vị)',
      'feature 5 (mã X02): geometry phải là Polygon hoặc MultiPolygon',
      'feature 6 (mã X02): vòng của đa giác phải khép kín (điểm đầu trùng điểm cuối)',
    ]);
    const far = parseBoundaries(
      {
        type: 'FeatureCollection',
        features: [
          feature('X01', {
            type: 'Polygon',
            coordinates: [
              [
                [200, 0],
                [1, 1],
                [2, 2],
                [200, 0],
              ],
            ],
          }),
        ],
      },
      known,
    );
    expect(far.problems[0]).toContain('toạ độ phải là [kinh độ, vĩ độ]');
  });

  it('draws made-up squares for the demo, closed and side by side', () => {
    const g = gridBoundaries(['A', 'B', 'C', 'D'], [106, 21], 0.1);
    expect(g).toHaveLength(4);
    const parsed = parseBoundaries(
      {
        type: 'FeatureCollection',
        features: g.map((b) => ({ type: 'Feature', properties: { code: b.code }, geometry: b.geometry })),
      },
      new Set(['A', 'B', 'C', 'D']),
    );
    expect(parsed.problems).toEqual([]);
    const [a, b] = [g[0]!.geometry.coordinates[0]![1], g[1]!.geometry.coordinates[0]![0]];
    expect(a).toEqual(b);
  });
});
