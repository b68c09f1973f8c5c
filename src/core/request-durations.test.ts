import { Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { RequestDurations } from './request-durations.ts';

const BOUNDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const NAME = 'bdg_http_request_duration_seconds';
const HELP = 'Thời gian trả lời yêu cầu HTTP\\ theo tuyến\nhai dòng';

/** sample lines of an exposition as "name{sorted labels}" → value, plus the HELP and TYPE lines */
function parse(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n').filter(Boolean)) {
    if (line.startsWith('#')) {
      out.set(line, '');
      continue;
    }
    const m = /^(\w+)(?:\{(.*)\})? (\S+)$/u.exec(line);
    if (!m) throw new Error(`unparsed line: ${line}`);
    const labels = [...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/gu)].map((l) => `${l[1]}=${l[2]}`).sort();
    const key = `${m[1]}{${labels.join(',')}}`;
    if (out.has(key)) throw new Error(`twice: ${key}`);
    out.set(key, m[3]!);
  }
  return out;
}

describe('RequestDurations', () => {
  it('writes the same exposition as prom-client’s Histogram fed the same observations', async () => {
    const ours = new RequestDurations(NAME, HELP, BOUNDS);
    const registry = new Registry();
    const theirs = new Histogram({
      name: NAME,
      help: HELP,
      labelNames: ['method', 'route', 'status'] as const,
      buckets: BOUNDS,
      registers: [registry],
    });
    const routes = ['/api/health', '/api/units/:id', 'unmatched', 'a "quoted" \\ route\nwith a line'];
    const methods = ['GET', 'POST', 'DELETE'];
    const statuses = [200, 201, 400, 401, 404, 500];
    let seed = 20251205;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 5_000; i++) {
      const route = routes[Math.floor(next() * routes.length)]!;
      const method = methods[Math.floor(next() * methods.length)]!;
      const status = statuses[Math.floor(next() * statuses.length)]!;
      // exact bounds (a bucket includes its bound), zero, tiny, and above the last bound
      const pick = next();
      const seconds =
        pick < 0.2
          ? BOUNDS[Math.floor(next() * BOUNDS.length)]!
          : pick < 0.25
            ? 0
            : pick < 0.3
              ? 31 + next()
              : next() ** 4 * 12;
      ours.observe(method, route, status, seconds);
      theirs.observe({ method, route, status: String(status) }, seconds);
    }
    const expected = parse(await registry.metrics());
    const actual = parse(ours.exposition());
    expect(actual.size).toBeGreaterThan(4 * 3 * 6 * 10);
    expect(actual).toEqual(expected);
  });

  it('counts a value on a bound in that bucket, above every bound only in +Inf, and forgets on reset', () => {
    const d = new RequestDurations('t', 'h', [0.1, 1]);
    d.observe('GET', '/x', 200, 0.1);
    d.observe('GET', '/x', 200, 0.5);
    d.observe('GET', '/x', 200, 7);
    const lines = d.exposition().split('\n');
    expect(lines).toContain('t_bucket{method="GET",route="/x",status="200",le="0.1"} 1');
    expect(lines).toContain('t_bucket{method="GET",route="/x",status="200",le="1"} 2');
    expect(lines).toContain('t_bucket{method="GET",route="/x",status="200",le="+Inf"} 3');
    expect(lines).toContain('t_sum{method="GET",route="/x",status="200"} 7.6');
    expect(lines).toContain('t_count{method="GET",route="/x",status="200"} 3');
    d.reset();
    expect(d.exposition()).toBe('# HELP t h\n# TYPE t histogram\n');
  });

  it('refuses bounds that are not finite and increasing', () => {
    expect(() => new RequestDurations('t', 'h', [])).toThrow();
    expect(() => new RequestDurations('t', 'h', [1, 1])).toThrow();
    expect(() => new RequestDurations('t', 'h', [0.5, Infinity])).toThrow();
  });
});
