// Child process for the concurrency test: opens (creating and migrating) a database when told to.
import { openDatabase } from '../../dist/src/store/sqlite/database.js';

process.stdin.once('data', () => {
  try {
    const db = openDatabase(process.argv[2]);
    process.stdout.write(JSON.stringify({ ok: true, version: db.pragma('user_version', { simple: true }) }));
    db.close();
  } catch (err) {
    process.stdout.write(JSON.stringify({ ok: false, error: String(err) }));
  }
});
