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
  // Who is asking, said at length ("jeg er mor til en pige i 2. klasse"): only the role matters.
  [/\bjeg er (?:mor|far|forælder|foraelder|forælder) til (?:en|et|to|tre) (?:pige|dreng|barn|søn|datter|soen|piger|drenge|børn|boern)(?: (?:i|på|paa) (?:\d+\.? ?(?:klasse|kl\.?)|[0-9]+\.? ?[a-z]|børnehave\w*|boernehave\w*|vuggestue\w*|sfo\w*|dagpleje\w*))?/giu, 'jeg er forælder'],
  // A parent's own child by any name is "mit barn", as the entries say it.
  [/\b(?:min|vores) (?:datter|søn|soen|son|dreng|pige|lille|store|yngste|ældste|aeldste)s\b/giu, 'mit barns'],
  [/\b(?:min|vores) (?:datter|søn|soen|son|dreng|pige|yngste|ældste|aeldste)\b/giu, 'mit barn'],
  // A phone named by its make is still the phone.
  [/\b(samsung|huawei|motorola|oneplus|xiaomi|nokia)\b(?! ?telefon)/giu, '$1 telefon'],
];

export function rewriteQuery(query: string): string {
  let q = query;
  for (const [re, to] of REWRITES) q = q.replace(re, to);
  return q;
}
