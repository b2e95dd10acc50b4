import { maskCpr } from './cpr.js';

/**
 * The one cleaning step for every piece of user text entering the core (chat messages, form
 * values, reasons, callbacks, imports): Unicode NFKC (full-width and other compatibility
 * digits become ASCII), format characters removed (soft hyphen, zero-width space, …), then
 * CPR-like numbers masked. Returns the clean text and how many numbers were masked.
 */
export function cleanText(text: string): { text: string; masked: number } {
  const normalised = text.normalize('NFKC').replace(/\p{Cf}/gu, '');
  return maskCpr(normalised);
}

/** {@link cleanText} for callers that only need the text. */
export const clean = (text: string): string => cleanText(text).text;
