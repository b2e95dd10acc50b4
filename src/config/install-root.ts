import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'aula-support-bot';

/**
 * The installation folder (the package root), found from this file's own location, so that the
 * defaults work the same from `npm link`, `npx` or any current folder. Walks up to the
 * package.json that names this package; works from src/ (tests) and from dist/ (compiled).
 */
export function installRoot(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === PACKAGE_NAME) return dir;
      } catch {
        // An unreadable package.json on the way up is not ours; keep looking.
      }
    }
    const up = dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
}

export const INSTALL_ROOT = installRoot();

/** Paths the user configured that do not exist, as Danish lines naming the variable (empty when all is well). */
export function missingPaths(configured: { DATABASE_PATH?: string | undefined; KNOWLEDGE_DIR?: string | undefined }): string[] {
  const problems: string[] = [];
  const isDir = (p: string) => existsSync(p) && statSync(p).isDirectory();
  const knowledge = configured.KNOWLEDGE_DIR;
  if (knowledge && !isDir(knowledge)) problems.push(`  KNOWLEDGE_DIR=${JSON.stringify(knowledge)}: mappen findes ikke (${resolve(knowledge)}). Sæt KNOWLEDGE_DIR til mappen med vidensbasen, eller fjern variablen for at bruge installationens knowledge/.`);
  const db = configured.DATABASE_PATH;
  if (db && db !== ':memory:' && !isDir(dirname(resolve(db)))) problems.push(`  DATABASE_PATH=${JSON.stringify(db)}: mappen ${dirname(resolve(db))} findes ikke. Opret mappen først, eller fjern variablen for at bruge installationens data/aula-support.db.`);
  return problems;
}

/** The installed version, from package.json in the installation folder. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(INSTALL_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}
