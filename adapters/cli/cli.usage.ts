import { CliError } from './cli.output.js';

/** One usage line per command, shown with every usage error of that command. */
export const COMMAND_USAGE: Record<string, string> = {
  ask: 'aula-support ask "<spørgsmål>" [--json]',
  knowledge: 'aula-support knowledge check',
  municipalities: 'aula-support municipalities [--json]',
  questions: 'aula-support questions unanswered [--limit N] [--json] | questions feedback [--json]',
  chat: 'aula-support chat [--as <e-mail>]',
  people: 'aula-support people add|import|list|remove|link|unlink|move …',
  seats: 'aula-support seats assign|revoke|list …',
  reports: 'aula-support reports list [--municipality <kode|navn>] [--status <status>] [--json] | reports show <nummer>',
  outbox: 'aula-support outbox [--retry <nummer>] [--json]',
  notifications: 'aula-support notifications [--status venter|ikke-leveret|leveret] [--json]',
  audit: 'aula-support audit [--json]',
  backup: 'aula-support backup <fil>',
  'migrate-to-postgres': 'DATABASE_URL=postgres://… aula-support migrate-to-postgres',
  paths: 'aula-support paths',
};

export const USAGE = `Brug: aula-support <kommando>

  ask "<spørgsmål>" [--json]          Stil et spørgsmål til vidensbasen
  knowledge check                     Tjek alle filer i vidensbasen
  municipalities [--json]             Kommuner med kode, region og supportberettigede
  questions unanswered [--limit N] [--json]
                                      Spørgsmål, botten ikke kunne svare på
  questions feedback [--json]         Svar, som brugerne har markeret "Hjalp ikke"
  chat [--as <e-mail>]                Chat med botten i terminalen

  people add --email <e> --name <n> --municipality <kode|navn> --role <staff|superuser|admin>
  people import <fil.csv> [--dry-run] Kolonner: email, navn, kommunekode, rolle (, eller ;)
  people list [--municipality <kode|navn>] [--json]
  people remove <e-mail>              Fjerner pladser og identiteter (ikke ved åbne rapporter)
  people link --email <e> --identity <slack:T:U|teams:tenant:aad|local:email>
  people unlink --identity <…>        Fjerner en kobling (en kobling flyttes aldrig stille)
  people move --email <e> --municipality <kode|navn>
                                      Flytter en person til en anden kommune; pladser andre steder fjernes
  seats assign|revoke --municipality <kode|navn> --email <e>
  seats list [--municipality <kode|navn>] [--json]
  reports list [--municipality <kode|navn>] [--status <status>] [--json]
  reports show <nummer>               Nummer som 12, 000012 eller AULA-2026-000012
  outbox [--retry <nummer>] [--json]  Udbakken til Netcompany; --retry sender død post igen
  notifications [--status venter|ikke-leveret|leveret] [--json]
                                      Beskeder til personer i Slack/Teams, og dem der ikke kunne leveres
  audit [--json]                      Revisionsspor
  backup <fil>                        Sikkerhedskopi af databasen (mens serveren kører)
  migrate-to-postgres                 Kopiér SQLite-databasen til en tom PostgreSQL-database (DATABASE_URL)
  paths                               Hvor vidensbasen, databasen og udbakken ligger

  --version                           Vis versionen
  --help                              Vis denne hjælp`;

function usageFor(command: string | undefined): string {
  return command && COMMAND_USAGE[command] ? COMMAND_USAGE[command] : 'aula-support --help';
}

/** "Ukendt underkommando …" when one was given, else nothing (the usage says what is missing). */
export function unknownSub(sub: string | undefined): string | undefined {
  return sub ? `Ukendt underkommando "${sub}".` : undefined;
}

/** A usage error for `command`, in Danish, exit code 2. */
export function usageError(command: string | undefined, message?: string): CliError {
  return new CliError(`${message ? `${message} ` : ''}Brug: ${usageFor(command)}`, 2);
}

/** node:util parseArgs errors (English) → Danish usage errors naming the option. */
export function translateParseError(err: unknown, argv: readonly string[]): CliError | undefined {
  if (!(err instanceof TypeError) || !('code' in err)) return undefined;
  const code = String(err.code);
  if (!code.startsWith('ERR_PARSE_ARGS')) return undefined;
  const command = argv.find((a) => !a.startsWith('-'));
  const option = /'(-{1,2}[^' <]+)/.exec(err.message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return usageError(command, `Ukendt valgmulighed ${option ?? ''}.`);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    const next = argv[argv.indexOf(option) + 1];
    if (next !== undefined && /^-\d/.test(next)) return usageError(command, `${option} skal være et positivt helt tal, ikke ${next}.`);
    return usageError(command, `${option} mangler en værdi.`);
  }
  return usageError(command, 'Ugyldige argumenter.');
}

/** A positive whole number from an option, or a Danish usage error naming it. */
export function positiveInt(value: string | undefined, option: string, command: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) throw usageError(command, `${option} skal være et positivt helt tal, fx ${option} 20 (ikke "${value}").`);
  return Number(value);
}
