/**
 * A Prometheus histogram of answered requests by method, route pattern and status, kept as plain tallies.
 *
 * prom-client's Histogram validates and hashes its three labels into a string key on every `observe` (and
 * `labels(...).observe` does the same); on /api/health that was about 14 thousand instructions of the ~100 thousand
 * the server's main thread runs per answer (issue 15, README). Here an observation is three map lookups (route and
 * method strings are the same objects on every request, so their hashes are cached; the status is a small integer),
 * a walk over the bucket bounds and three additions. The text is written only when /api/metrics is scraped, in the
 * same exposition format prom-client writes (a test feeds both the same observations and compares).
 */

interface Series {
  /** count of observations that fell in each bucket alone (not cumulative); the last one is above every bound */
  readonly perBucket: number[];
  sum: number;
  count: number;
}

export class RequestDurations {
  private readonly byRoute = new Map<string, Map<string, Map<number, Series>>>();
  private readonly bounds: readonly number[];

  constructor(
    readonly name: string,
    readonly help: string,
    bounds: readonly number[],
  ) {
    if (bounds.length === 0 || bounds.some((b, i) => !Number.isFinite(b) || (i > 0 && b <= bounds[i - 1]!)))
      throw new Error('bucket bounds must be finite and increasing');
    this.bounds = [...bounds];
  }

  observe(method: string, route: string, status: number, seconds: number): void {
    let byMethod = this.byRoute.get(route);
    if (!byMethod) this.byRoute.set(route, (byMethod = new Map()));
    let byStatus = byMethod.get(method);
    if (!byStatus) byMethod.set(method, (byStatus = new Map()));
    let series = byStatus.get(status);
    if (!series)
      byStatus.set(
        status,
        (series = { perBucket: new Array<number>(this.bounds.length + 1).fill(0), sum: 0, count: 0 }),
      );
    const bounds = this.bounds;
    let i = 0;
    while (i < bounds.length && seconds > bounds[i]!) i++;
    series.perBucket[i]! += 1;
    series.sum += seconds;
    series.count += 1;
  }

  /** Forgets every series (tests). */
  reset(): void {
    this.byRoute.clear();
  }

  /** The family in Prometheus text format 0.0.4: HELP, TYPE, then per series its cumulative buckets, sum and count. */
  exposition(): string {
    const lines = [`# HELP ${this.name} ${escapeHelp(this.help)}`, `# TYPE ${this.name} histogram`];
    for (const [route, byMethod] of this.byRoute)
      for (const [method, byStatus] of byMethod)
        for (const [status, series] of byStatus) {
          const labels = `method="${escapeLabel(method)}",route="${escapeLabel(route)}",status="${status}"`;
          let cumulative = 0;
          this.bounds.forEach((bound, i) => {
            cumulative += series.perBucket[i]!;
            lines.push(`${this.name}_bucket{${labels},le="${bound}"} ${cumulative}`);
          });
          lines.push(`${this.name}_bucket{${labels},le="+Inf"} ${series.count}`);
          lines.push(`${this.name}_sum{${labels}} ${series.sum}`);
          lines.push(`${this.name}_count{${labels}} ${series.count}`);
        }
    return `${lines.join('\n')}\n`;
  }
}

const escapeHelp = (text: string): string => text.replace(/\\/gu, '\\\\').replace(/\n/gu, '\\n');

const escapeLabel = (value: string): string => escapeHelp(value).replace(/"/gu, '\\"');
