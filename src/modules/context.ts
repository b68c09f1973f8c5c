import type { Config } from '../config.ts';
import type { Db, Engine } from '../db/engine.ts';

export const ROLES = ['admin', 'coordinator', 'reporter', 'inspector', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Who is acting: a signed-in user, or the command line (`system`). */
export interface Actor {
  id: number | null;
  username: string;
  role: Role | 'system';
  unitId: number | null;
  ip?: string | null;
}

export const SYSTEM_ACTOR: Actor = { id: null, username: 'system (bdg)', role: 'system', unitId: null };

export interface Ctx {
  db: Db;
  engine: Engine;
  config: Config;
}
