import { loadConfig, type Config } from '../config.ts';
import { openDatabase } from '../db/engine.ts';
import { migrate } from '../db/migrate.ts';
import type { Ctx } from '../modules/context.ts';

/** Opens the configured database, applies migrations, and hands a context to `fn`; always closes. */
export async function withCtx<T>(fn: (ctx: Ctx) => Promise<T>, config: Config = loadConfig()): Promise<T> {
  const handle = await openDatabase(config);
  try {
    await migrate(handle.db);
    return await fn({ db: handle.db, engine: handle.engine, config });
  } finally {
    await handle.close();
  }
}
