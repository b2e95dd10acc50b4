/**
 * One accepted form of a report number everywhere (CLI, chat commands): `AULA-2026-000001`,
 * lowercase `aula-2026-1`, `2026-1`, or just the running number `1` / `000001` / `#1`, which
 * means this year's report. Returns the stored form, or undefined when the text is no number.
 */
export function normaliseReportNumber(input: string, currentYear: number): string | undefined {
  const text = input.trim().replace(/^#/, '');
  const full = /^(?:aula[-\s]?)?(\d{4})[-\s](\d{1,6})$/i.exec(text);
  if (full) return format(Number(full[1]), Number(full[2]));
  const short = /^(\d{1,6})$/.exec(text);
  if (short) return format(currentYear, Number(short[1]));
  return undefined;
}

function format(year: number, seq: number): string | undefined {
  if (!Number.isInteger(seq) || seq < 1) return undefined;
  return `AULA-${year}-${String(seq).padStart(6, '0')}`;
}

/** The Danish hint shown when a number cannot be read. */
export const REPORT_NUMBER_HINT = 'Skriv rapportens nummer, fx 12 eller AULA-2026-000012.';
