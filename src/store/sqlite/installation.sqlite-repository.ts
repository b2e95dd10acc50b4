import Database from 'better-sqlite3';
import type { SqlDb as Db } from '../sql.js';

/** Set in a backup copy only: a database that has it was restored from a backup. */
const BACKUP_MARK = 'backup_taken_at';

/**
 * Facts about this installation kept in the database: its random id (created once by the
 * migration, shown in every forwarded message so the service desk can tell installations apart)
 * and the mark that tells a restored backup from the live database.
 */
export class SqliteInstallation {
  constructor(private readonly db: Db) {}

  /** The installation's random UUID. */
  id(): string {
    const row = this.db.prepare("SELECT value FROM installation WHERE key = 'id'").get() as { value: string } | undefined;
    if (!row) throw new Error('installation id missing: the database was not migrated');
    return row.value;
  }

  /**
   * If this database is a restored backup, clear the mark and return when the backup was taken;
   * otherwise undefined. Call once at start-up.
   */
  takeRestoreMark(): string | undefined {
    // Read first: a normal start must not wait for the write lock (a backup or migration may hold it).
    if (!this.db.prepare('SELECT 1 FROM installation WHERE key = ?').get(BACKUP_MARK)) return undefined;
    return this.db
      .transaction(() => {
        const row = this.db.prepare('SELECT value FROM installation WHERE key = ?').get(BACKUP_MARK) as { value: string } | undefined;
        if (row) this.db.prepare('DELETE FROM installation WHERE key = ?').run(BACKUP_MARK);
        return row?.value;
      })
      .immediate();
  }
}

/** Mark a freshly written backup file as a backup, so that starting on it after a restore is recognised. */
export function markBackup(file: string, takenAt: Date): void {
  const copy = new Database(file);
  try {
    copy.prepare('INSERT OR REPLACE INTO installation (key, value) VALUES (?, ?)').run(BACKUP_MARK, takenAt.toISOString());
  } finally {
    copy.close();
  }
}
