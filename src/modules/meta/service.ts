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
  try {
    await ping(ctx.db);
  } catch (e) {
    if (!isConnectionError(e)) throw e;
    return { ready: false, database: 'unreachable', migrations: 'unknown' };
  }
  const pending = await pendingMigrations(ctx.db);
  return pending.length
    ? { ready: false, database: 'ok', migrations: 'pending', pending }
    : { ready: true, database: 'ok', migrations: 'current' };
}
