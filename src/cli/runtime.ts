import { loadConfig, type Config } from '../config.ts';
import { openDatabase } from '../db/engine.ts';
import { migrate } from '../db/migrate.ts';
import { SYSTEM_ACTOR, type Ctx } from '../modules/context.ts';
import { ensureSeedPlans } from '../modules/plans/service.ts';

/**
 * Opens the configured database, applies migrations, loads new seed plans, and hands a context to `fn`; always closes.
 */
export async function withCtx<T>(fn: (ctx: Ctx) => Promise<T>, config: Config = loadConfig()): Promise<T> {
  const handle = await openDatabase(config);
  try {
    await migrate(handle.db);
    const ctx = { db: handle.db, engine: handle.engine, config };
    await ensureSeedPlans(ctx, SYSTEM_ACTOR);
    return await fn(ctx);
  } finally {
    await handle.close();
  }
}
