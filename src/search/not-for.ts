import { stems } from '../text/stemmer.js';

/**
 * Small words that change whom or what a `not_for` phrasing is about ("jeg kan ikke svare" is not
 * "hvorfor svarer læreren ikke"; "hvem der har svaret" is not "svar på invitation"). They are kept
 * when a phrasing is matched; every other stop word is ignored, as in the rest of the search.
 */
const NOT_FOR_KEPT = new Set(stems('jeg mig min mit mine ikke hvem', true));

/** A `not_for` phrasing as the stems a question must all contain to be excluded. */
export function notForTerms(phrase: string): string[] {
  const content = new Set(stems(phrase));
  return [...new Set(stems(phrase, true).filter((t) => content.has(t) || NOT_FOR_KEPT.has(t)))];
}

/**
 * What is wrong with an entry's `not_for` phrasings, in Danish for `knowledge check`: a phrasing
 * with no content word excludes nothing, and one whose words all occur in the entry's own title or
 * one of its alternatives keeps the entry from answering its own question.
 */
export function notForProblems(entry: { title: string; alternatives: readonly string[]; notFor?: readonly string[] }): string[] {
  const problems: string[] = [];
  const own = [entry.title, ...entry.alternatives].map((q) => ({ q, stems: new Set(stems(q, true)) }));
  for (const phrase of entry.notFor ?? []) {
    const terms = notForTerms(phrase);
    if (!stems(phrase).length) {
      problems.push(`not_for "${phrase}" har intet indholdsord (kun småord), så det udelukker ingenting: skriv det ord, der skiller spørgsmålene ad`);
      continue;
    }
    const hit = own.find((o) => terms.every((t) => o.stems.has(t)));
    if (hit) problems.push(`not_for "${phrase}" udelukker postens eget spørgsmål "${hit.q}": gør formuleringen mere præcis`);
  }
  return problems;
}
