import type { AskerRole, AskerRoles, SupportContacts } from '../../faq/asker.port.js';
import type { SqlDb as Db } from '../sql.js';

export class SqliteAskerRoles implements AskerRoles {
  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {}

  get(identity: string): AskerRole | undefined {
    const row = this.db.prepare('SELECT role FROM asker_roles WHERE identity = ?').get(identity) as { role: AskerRole } | undefined;
    return row?.role;
  }

  set(identity: string, role: AskerRole): void {
    this.db
      .prepare('INSERT INTO asker_roles (identity, role, chosen_at) VALUES (?, ?, ?) ON CONFLICT (identity) DO UPDATE SET role = excluded.role, chosen_at = excluded.chosen_at')
      .run(identity, role, this.now().toISOString());
  }
}

export class SqliteSupportContacts implements SupportContacts {
  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {}

  get(municipalityCode: string): string | undefined {
    const row = this.db.prepare('SELECT text FROM support_contacts WHERE municipality_code = ?').get(municipalityCode) as { text: string } | undefined;
    return row?.text;
  }

  set(municipalityCode: string, text: string | null, setBy: string): void {
    if (text === null) {
      this.db.prepare('DELETE FROM support_contacts WHERE municipality_code = ?').run(municipalityCode);
      return;
    }
    this.db
      .prepare('INSERT INTO support_contacts (municipality_code, text, set_by, set_at) VALUES (?, ?, ?, ?) ON CONFLICT (municipality_code) DO UPDATE SET text = excluded.text, set_by = excluded.set_by, set_at = excluded.set_at')
      .run(municipalityCode, text, setBy, this.now().toISOString());
  }
}
