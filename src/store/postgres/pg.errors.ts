/** A PostgreSQL failure the bot cannot work around (unreachable, refused, missing database). */
const UNREACHABLE = /^(08|57P0|3D000|28P01|28000|PG_UNREACHABLE|PG_TIMEOUT|ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EHOSTUNREACH)/;

export function isPostgresUnavailable(err: unknown): boolean {
  return UNREACHABLE.test(String((err as { code?: unknown } | null)?.code ?? ''));
}

/** One plain Danish line for the operator when the server cannot start on PostgreSQL (never the URL: it holds the password). */
export function postgresProblem(err: unknown): string | undefined {
  const code = String((err as { code?: unknown } | null)?.code ?? '');
  if (code === '28P01' || code === '28000') return 'PostgreSQL afviste brugernavn eller adgangskode i DATABASE_URL. Ret DATABASE_URL og start igen.';
  if (code === '3D000') return 'Databasen i DATABASE_URL findes ikke på PostgreSQL-serveren. Opret den (fx createdb aula_support) og start igen.';
  if (isPostgresUnavailable(err)) return 'PostgreSQL kan ikke nås med DATABASE_URL. Tjek at serveren kører, og at værtsnavn og port er rigtige; start derefter igen.';
  return undefined;
}
