/** Danish-aware text normalisation shared by indexing and querying. */

const FOLD_MAP: Record<string, string> = { æ: 'ae', ø: 'oe', å: 'aa', ä: 'ae', ö: 'oe', ü: 'u' };

/**
 * Lowercase and fold Danish letters to their ASCII spellings (æ→ae, ø→oe, å→aa) and drop
 * other diacritics, so "Ærø", "AERØ" and "aeroe" all become "aeroe".
 */
export function fold(text: string): string {
  const lower = text.toLowerCase().normalize('NFC');
  let out = '';
  for (const ch of lower) out += FOLD_MAP[ch] ?? ch;
  return out.normalize('NFD').replace(/\p{M}+/gu, '');
}

/** Lowercase word tokens with Danish letters kept (the stemmer needs them); see `stem` for folding. */
export function danishWords(text: string): string[] {
  return text.toLowerCase().normalize('NFC').split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
}

/** Split folded text into word tokens (letters and digits); everything else separates. */
export function words(text: string): string[] {
  return fold(text).split(/[^a-z0-9]+/).filter((w) => w.length > 0);
}

/** Upper bound on how much of a query is considered; protects search from huge inputs. */
export const MAX_QUERY_CHARS = 500;
