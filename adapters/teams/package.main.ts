import { mkdirSync, writeFileSync } from 'node:fs';
import { buildTeamsPackage } from './teams.package.js';

/** `npm run package:teams`: writes dist/teams/aula-support-teams.zip from environment values. */
try {
  const { zip } = buildTeamsPackage(process.env);
  mkdirSync('dist/teams', { recursive: true });
  writeFileSync('dist/teams/aula-support-teams.zip', zip);
  process.stdout.write('Wrote dist/teams/aula-support-teams.zip (upload it in Teams: Apps → Manage your apps → Upload an app).\n');
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exitCode = 1;
}
