import { stems } from '../text/stemmer.js';
import type { UnansweredGroup, UnansweredQuestion } from './question-log.port.js';

/** The same question asked in other words: its content stems, in order, without duplicates or stop words. */
export function questionKey(question: string): string {
  const key = [...new Set(stems(question))].sort().join(' ');
  return key || question.trim().toLowerCase();
}

/**
 * Groups unanswered questions that read the same after stemming, folding and stop-word removal
 * ("Hvordan laver jeg en pivottabel?" and "hvordan laver man pivottabeller"), most asked first.
 */
export function groupUnanswered(rows: readonly UnansweredQuestion[], limit: number): UnansweredGroup[] {
  const groups = new Map<string, UnansweredGroup>();
  for (const r of rows) {
    const key = questionKey(r.question);
    const g = groups.get(key);
    if (!g) groups.set(key, { question: r.question, count: 1, lastAskedAt: r.askedAt, ids: [r.id] });
    else {
      g.count++;
      g.ids.push(r.id);
      if (r.askedAt > g.lastAskedAt) {
        g.lastAskedAt = r.askedAt;
        g.question = r.question;
      }
    }
  }
  for (const g of groups.values()) g.ids.sort((a, b) => b - a);
  return [...groups.values()].sort((a, b) => b.count - a.count || b.lastAskedAt.localeCompare(a.lastAskedAt)).slice(0, limit);
}
