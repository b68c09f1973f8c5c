/**
 * A short memory of session lookups, so that reads by a signed-in user do not each ask the database who
 * they are. The rules that keep it safe (docs/deploy.md, "Sessions"):
 * - only reads use it; every write (POST, PUT, PATCH, DELETE) looks its session up in the database, so a
 *   signed-out session, a disabled user or a changed role never writes once the change is committed;
 * - an entry lives `ttlMs` at most, and never past its session's own expiry;
 * - this process forgets a session when it ends it (logout) and a user's sessions when it changes the
 *   user (role, unit, name, password, disabled): at once. Another instance behind the same load balancer,
 *   or a `bdg` command, is seen within `ttlMs`;
 * - a lookup that began before a change cannot store what it read after the change was forgotten (the
 *   generation counter), so a forgotten session cannot come back from a slow read;
 * - at most `maxEntries` entries: the oldest go first. Unknown tokens are never stored, so a stranger
 *   sending random cookies cannot fill it.
 */
export interface CachedSession<U> {
  user: U;
  csrfToken: string;
  /** the session's own expiry, epoch ms */
  expiresAt: number;
}

interface Entry<U> extends CachedSession<U> {
  userId: number;
  storedAt: number;
}

export class SessionCache<U> {
  private readonly entries = new Map<string, Entry<U>>();
  private generation = 0;

  constructor(
    readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  /** The session behind `id` if it was read less than ttlMs ago and has not expired since; else undefined. */
  get(id: string): CachedSession<U> | undefined {
    const e = this.entries.get(id);
    if (!e) return undefined;
    const t = this.now();
    if (t - e.storedAt >= this.ttlMs || e.expiresAt <= t) {
      this.entries.delete(id);
      return undefined;
    }
    return e;
  }

  /** A token for `store`: taken before the database is asked. */
  begin(): number {
    return this.generation;
  }

  /** Keeps what a lookup begun at `generation` read, unless something was forgotten since. */
  store(id: string, userId: number, session: CachedSession<U>, generation: number): void {
    if (!this.enabled || generation !== this.generation) return;
    this.entries.delete(id);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(id, { ...session, userId, storedAt: this.now() });
  }

  /** Forgets one session (logout). */
  forget(id: string): void {
    this.generation++;
    this.entries.delete(id);
  }

  /** Forgets every session of a user (the user was changed). */
  forgetUser(userId: number): void {
    this.generation++;
    for (const [id, e] of this.entries) if (e.userId === userId) this.entries.delete(id);
  }

  get size(): number {
    return this.entries.size;
  }
}
