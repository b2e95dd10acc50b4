import type { ReportFields } from '../reports/report.schema.js';
import type { Report } from '../reports/report.types.js';
import { stems } from '../text/stemmer.js';

const MIN_SIMILARITY = 0.35;

function terms(f: Partial<ReportFields>): Set<string> {
  return new Set(stems([f.title, f.whatHappened, f.errorText].filter(Boolean).join(' ')));
}

/** Open reports that look like the same fault: same area or many shared words (Jaccard on stems). */
export function findSimilar(fields: ReportFields, open: readonly Report[], limit = 3): Report[] {
  const mine = terms(fields);
  return open
    .map((r) => {
      const theirs = terms(r.fields);
      const shared = [...mine].filter((t) => theirs.has(t)).length;
      const union = new Set([...mine, ...theirs]).size || 1;
      const sameArea = r.fields.area === fields.area ? 0.15 : 0;
      return { r, score: shared / union + sameArea };
    })
    .filter((x) => x.score >= MIN_SIMILARITY)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map((x) => x.r);
}
