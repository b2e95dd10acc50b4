/**
 * CPR-like numbers: DDMMYY-SSSS or ten digits, with or without a hyphen or space, whose first
 * six digits form a valid date. Deliberately no modulus-11 check: numbers issued since 2007
 * may fail it and must still be masked.
 */
const CPR_PATTERN = /(?<![\d])(\d{2})(\d{2})(\d{2})[-‐‑–\s]?(\d{4})(?![\d])/gu;
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

/** Replace every CPR-like number in `text` with {@link CPR_MASK}. */
export function maskCpr(text: string): MaskResult {
  let masked = 0;
  const out = text.replace(CPR_PATTERN, (match, dd: string, mm: string) => {
    if (!isValidDayMonth(Number(dd), Number(mm))) return match;
    masked++;
    return CPR_MASK;
  });
  return { text: out, masked };
}
