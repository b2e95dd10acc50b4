import type { SqlDb as Db } from '../sql.js';

/**
 * Signatures of signed requests already accepted, so a captured request cannot be replayed within
 * its validity window. Durable (survives restarts, shared by cluster workers); expired rows are pruned.
 */
export class SqliteSeenSignatures {
  constructor(private readonly db: Db, private readonly nowMs: () => number = () => Date.now()) {}

  /** True the first time `signature` is used before `expiresAtMs`; false for a replay. */
  firstUse(signature: string, expiresAtMs: number): boolean {
    const now = this.nowMs();
    return this.db.transaction(() => {
      this.db.prepare('DELETE FROM seen_signatures WHERE expires_at < ?').run(now);
      return this.db.prepare('INSERT INTO seen_signatures (signature, expires_at) VALUES (?, ?) ON CONFLICT DO NOTHING').run(signature, expiresAtMs).changes === 1;
    })();
  }
}
