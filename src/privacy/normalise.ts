/**
 * Unicode decimal digits (Arabic-Indic ٠-٩, Devanagari, …) mapped to ASCII. NFKC maps full-width
 * digits but not these, and a CPR number typed in them is still a CPR number. Unicode encodes
 * every decimal digit set as a contiguous run 0..9, so a digit's value is its distance from the
 * start of its run, modulo 10.
 */
const digitCache = new Map<string, string>();
const DECIMAL = /\p{Nd}/u;

function asciiDigit(ch: string): string {
  let d = digitCache.get(ch);
  if (d === undefined) {
    const cp = ch.codePointAt(0)!;
    let start = cp;
    while (start > 0 && DECIMAL.test(String.fromCodePoint(start - 1))) start--;
    d = String((cp - start) % 10);
    if (digitCache.size < 1000) digitCache.set(ch, d);
  }
  return d;
}

/**
 * NFKC (full-width and other compatibility forms become plain), format characters removed
 * (soft hyphen, zero-width space, joiners, direction marks) and every decimal digit made ASCII.
 * Idempotent.
 */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\p{Cf}/gu, '')
    .replace(/[^\x00-\x7F]/gu, (ch) => (DECIMAL.test(ch) ? asciiDigit(ch) : ch));
}
