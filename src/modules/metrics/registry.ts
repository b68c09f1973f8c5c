import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { RequestDurations } from '../../core/request-durations.ts';

/**
 * The figures the office's IT staff scrape at /api/metrics (Prometheus text format): requests by route
 * and status with their durations, background job runs and failures, the database pool. One registry per
 * process (each instance behind a load balancer reports its own).
 */
export const registry = new Registry();

/** Observed on every answer, so kept as plain tallies outside prom-client (see core/request-durations.ts). */
export const httpRequests = new RequestDurations(
  'bdg_http_request_duration_seconds',
  'Thời gian trả lời yêu cầu HTTP, theo phương thức, tuyến và mã trạng thái',
  [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
);

/** Everything /api/metrics answers: prom-client's registry, then the request histogram. */
export async function metricsText(): Promise<string> {
  return `${await registry.metrics()}\n${httpRequests.exposition()}`;
}

export const jobRuns = new Counter({
  name: 'bdg_job_runs_total',
  help: 'Số lần chạy công việc nền, theo tên và kết quả (ok, failed)',
  labelNames: ['job', 'outcome'] as const,
  registers: [registry],
});

export const jobDuration = new Histogram({
  name: 'bdg_job_duration_seconds',
  help: 'Thời gian chạy công việc nền',
  labelNames: ['job'] as const,
  buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 30, 120],
  registers: [registry],
});

export interface PoolStats {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

let poolSource: (() => PoolStats) | null = null;

/** Where the pool gauges read from (PostgreSQL's pool; PGlite has one in-process connection). */
export function watchPool(source: (() => PoolStats) | null): void {
  poolSource = source;
}

const poolGauge = (name: string, help: string, pick: (s: PoolStats) => number) =>
  new Gauge({
    name,
    help,
    registers: [registry],
    collect() {
      this.set(poolSource ? pick(poolSource()) : 0);
    },
  });

poolGauge('bdg_db_pool_connections', 'Kết nối cơ sở dữ liệu đang mở', (s) => s.totalCount);
poolGauge('bdg_db_pool_idle', 'Kết nối cơ sở dữ liệu đang rỗi', (s) => s.idleCount);
poolGauge('bdg_db_pool_waiting', 'Yêu cầu đang chờ một kết nối cơ sở dữ liệu', (s) => s.waitingCount);
