import { isConnectionError } from '../../db/errors.ts';
import { pendingMigrations } from '../../db/migrate.ts';
import type { Ctx } from '../context.ts';
import { ping } from './repository.ts';

export interface Readiness {
  ready: boolean;
  database: 'ok' | 'unreachable';
  migrations: 'current' | 'pending' | 'unknown';
  pending?: string[];
}

/**
 * Whether this instance can serve requests: its database answers and has every migration this code
 * knows. A load balancer takes an instance out while it is not ready; liveness (/api/health) stays up.
 */
export async function readiness(ctx: Ctx): Promise<Readiness> {
  for (let attempt = 1; ; attempt++) {
    try {
      await ping(ctx.db);
      break;
    } catch (e) {
      if (!isConnectionError(e)) throw e;
      // connections the server ended while they sat idle in the pool (a restart, a failover) fail once each; a
      // moment later the pool has heard of their end and dropped them. Only a second failure, on a new connection,
      // means the database is away: a probe must not take a healthy instance out.
      if (attempt === 2) return { ready: false, database: 'unreachable', migrations: 'unknown' };
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const pending = await pendingMigrations(ctx.db);
  return pending.length
    ? { ready: false, database: 'ok', migrations: 'pending', pending }
    : { ready: true, database: 'ok', migrations: 'current' };
}
