import type { SqlDb as Db } from '../sql.js';

/** What the bot is waiting for from one identity; kept in SQLite so a restart loses nothing. */
export type ConversationState =
  | { flow: 'intake'; reportId: number; field: string; /** Changing one field from the edit list: back to the list after it. */ edit?: boolean }
  | { flow: 'note'; decision: 'reject' | 'request_info'; number: string };

export class SqliteConversationState {
  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {}

  get(identity: string): ConversationState | undefined {
    const r = this.db.prepare('SELECT state FROM conversation_state WHERE identity = ?').get(identity) as { state: string } | undefined;
    return r ? (JSON.parse(r.state) as ConversationState) : undefined;
  }

  set(identity: string, state: ConversationState): void {
    this.db
      .prepare('INSERT INTO conversation_state (identity, state, updated_at) VALUES (?, ?, ?) ON CONFLICT (identity) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at')
      .run(identity, JSON.stringify(state), this.now().toISOString());
  }

  clear(identity: string): void {
    this.db.prepare('DELETE FROM conversation_state WHERE identity = ?').run(identity);
  }
}
