import { maskCpr } from './cpr.js';

/**
 * The one cleaning step for every piece of user text entering the core (chat messages, form
 * values, reasons, callbacks, imports): Unicode NFKC (full-width and other compatibility
 * digits become ASCII), format characters removed (soft hyphen, zero-width space, …), every
 * decimal digit made ASCII (Arabic-Indic and other scripts), then CPR-like numbers masked.
 * Returns the clean text and how many numbers were masked. Idempotent.
 */
export function cleanText(text: string): { text: string; masked: number } {
  return maskCpr(text);
}

/** {@link cleanText} for callers that only need the text. */
export const clean = (text: string): string => cleanText(text).text;

/**
 * Clean every string in a plain value (object fields, array items), leaving other values as
 * they are. Returns a copy and how many numbers were masked.
 */
export function cleanDeep<T>(value: T): { value: T; masked: number } {
  let masked = 0;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const r = cleanText(v);
      masked += r.masked;
      return r.text;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    }
    return v;
  };
  const out = walk(value) as T;
  return { value: out, masked };
}
