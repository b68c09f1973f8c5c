import { jobDuration, jobRuns } from './metrics/registry.ts';

/**
 * Runs `job` now and then every `everyMs` while the server runs, never two runs at once; a failure is
 * logged under `name` and the next run tries again. Returns a stop function. Jobs keep their state in the
 * database, so a restart simply runs them again.
 */
export function startJob(
  name: string,
  everyMs: number,
  job: () => Promise<string | null>,
  log: (msg: string) => void = () => {},
): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    const end = jobDuration.startTimer({ job: name });
    try {
      const said = await job();
      jobRuns.inc({ job: name, outcome: 'ok' });
      if (said) log(`${name}: ${said}`);
    } catch (e) {
      jobRuns.inc({ job: name, outcome: 'failed' });
      log(`${name}: ${(e as Error).message}`);
    } finally {
      end();
      running = false;
    }
  };
  const timer = setInterval(tick, everyMs);
  void tick();
  return () => clearInterval(timer);
}
