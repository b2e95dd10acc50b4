/**
 * Everyday phrasings whose words mean something else in the entries: "komme ind på Aula" is
 * logging in, not Komme/gå. Rewritten before stemming so the words match what they mean.
 */
const REWRITES: readonly [RegExp, string][] = [
  // Question words as they are often mistyped on a phone: the question type depends on them.
  [/\b(?:hvordn|hvoden|hvorden|hvordann|hvordna|hvrodan|hvodan|hvordam)\b/giu, 'hvordan'],
  [/\b(?:hvornår|hvornar|hvornaar|hvonår|hvornå)\b/giu, 'hvornår'],
  [/\b(?:ik|ikk|ikek|ikkke)\b/giu, 'ikke'],
  // "mit id" is how MitID is often typed.
  [/\bmit id\b/giu, 'MitID'],
  [/\bkom(?:me|mer)?( ikke)? ind(?= |$)/giu, 'logge$1 ind'],
  [/\b(kan|kunne)( ikke)? komme (?:på|paa)(?= |$)/giu, '$1$2 logge på'],
];

export function rewriteQuery(query: string): string {
  let q = query;
  for (const [re, to] of REWRITES) q = q.replace(re, to);
  return q;
}
