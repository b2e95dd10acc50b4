import { normaliseText } from './normalise.js';

/**
 * CPR-like numbers: DDMMYY and a four-digit serial whose first six digits form a valid date, in
 * the spellings people type: `150220-7710`, `1502207710`, `150220 - 7710`, `15.02.14-7704`,
 * `15 02 15 7705`, `150224/7714`, any dash (en, em, minus), or a hyphen and a line break. Runs on
 * normalised text (see {@link normaliseText}), so full-width, Arabic-Indic and soft-hyphenated
 * spellings are caught too. Deliberately no modulus-11 check: numbers issued since 2007 may fail
 * it and must still be masked. Ordinary numbers stay: dates with a four-digit year (15.02.2024),
 * eight-digit phone numbers, times, report numbers (AULA-2026-000123), institution numbers.
 */
const DATE_SEP = String.raw`[ .\/\p{Pd}\u2212]?`;
const SERIAL_SEP = String.raw`[^\S\r\n]{0,3}(?:[.\/\p{Pd}\u2212][^\S\r\n]{0,3})?(?:\r?\n[^\S\r\n]{0,3})?`;
const CPR_PATTERN = new RegExp(String.raw`(?<!\d)(\d{2})${DATE_SEP}(\d{2})${DATE_SEP}(\d{2})${SERIAL_SEP}(\d{4})(?!\d)`, 'gu');
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export const CPR_MASK = '[CPR-nummer skjult]';

function isValidDayMonth(day: number, month: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= DAYS_IN_MONTH[month - 1]!;
}

export interface MaskResult {
  text: string;
  /** How many CPR-like numbers were masked. */
  masked: number;
}

/**
 * Replace every CPR-like number in `text` with {@link CPR_MASK}. The text is normalised first
 * (NFKC, format characters removed, digits made ASCII), so the result is normalised too.
 */
export function maskCpr(text: string): MaskResult {
  let masked = 0;
  const out = normaliseText(text).replace(CPR_PATTERN, (match, dd: string, mm: string) => {
    if (!isValidDayMonth(Number(dd), Number(mm))) return match;
    masked++;
    return CPR_MASK;
  });
  return { text: out, masked };
}

/** True when `text` holds a CPR-like number in any spelling. */
export function containsCpr(text: string): boolean {
  return maskCpr(text).masked > 0;
}
