import { existsSync } from 'node:fs';
import type { Config } from '../../src/config/config.js';
import { copySqliteToPostgres, CopyRefused } from '../../src/store/postgres/copy-from-sqlite.js';
import { openPostgres } from '../../src/store/postgres/pg.open.js';
import { postgresProblem } from '../../src/store/postgres/pg.errors.js';
import { openDatabase } from '../../src/store/sqlite/database.js';
import { CliError } from './cli.output.js';
import type { CliIo } from './cli.output.js';

/**
 * `aula-support migrate-to-postgres`: copy the SQLite database (DATABASE_PATH) into the empty
 * PostgreSQL database (DATABASE_URL), then count every table on both sides. Run it with the
 * server stopped; afterwards start the servers with DATABASE_URL set.
 */
export function migrateToPostgresCommand(config: Config, io: CliIo): number {
  if (!config.DATABASE_URL) throw new CliError('Sæt DATABASE_URL til den tomme PostgreSQL-database, der skal overtage, fx DATABASE_URL=postgres://aula:…@db:5432/aula_support aula-support migrate-to-postgres.', 2);
  if (config.DATABASE_PATH === ':memory:' || !existsSync(config.DATABASE_PATH)) throw new CliError(`SQLite-databasen ${config.DATABASE_PATH} findes ikke. Sæt DATABASE_PATH til den fil, der skal kopieres.`, 2);
  const source = openDatabase(config.DATABASE_PATH);
  let target;
  try {
    target = openPostgres(config.DATABASE_URL);
  } catch (err) {
    source.close();
    throw new CliError(postgresProblem(err) ?? `PostgreSQL kunne ikke åbnes (${String((err as { code?: string }).code ?? (err as Error).name)}).`, 1);
  }
  try {
    const numbers = `${config.DATABASE_PATH}.numbers`;
    const counts = copySqliteToPostgres(source, target, existsSync(numbers) ? numbers : undefined);
    const width = Math.max(...counts.map((c) => c.table.length));
    io.out(`${'Tabel'.padEnd(width)}  SQLite  PostgreSQL`);
    for (const c of counts) io.out(`${c.table.padEnd(width)}  ${String(c.sqlite).padStart(6)}  ${String(c.postgres).padStart(10)}${c.sqlite === c.postgres ? '' : '  FORSKEL'}`);
    const wrong = counts.filter((c) => c.sqlite !== c.postgres);
    if (wrong.length) {
      io.err(`Antallet passer ikke i ${wrong.map((c) => c.table).join(', ')}. Brug ikke PostgreSQL-databasen; tøm den og kør kommandoen igen med serveren stoppet.`);
      return 1;
    }
    io.out(`Alle ${counts.reduce((n, c) => n + c.sqlite, 0)} rækker er kopieret og talt efter. Start nu serverne med DATABASE_URL sat (README: "Flere servere").`);
    return 0;
  } catch (err) {
    if (err instanceof CopyRefused) throw new CliError(`PostgreSQL-databasen er ikke tom (${err.message.replace('target not empty: ', '')}). Kopiér kun til en ny, tom database.`, 1);
    throw err;
  } finally {
    source.close();
    target.close();
  }
}
