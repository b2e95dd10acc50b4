import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** What `npm run eval:everyday` saves in bench/results/everyday.json. */
export interface EverydayResults {
  date: string;
  entries: number;
  questions: number;
  rows: { engine: string; half: string; score: { n: number; right: number; confidentWrong: number; declinedOrSuggested: number; rightOffered?: number; outOfScope: number; outOfScopeAnswered: number } }[];
}

const START = '<!-- everyday:start -->';
const END = '<!-- everyday:end -->';
const pct = (a: number, n: number) => `${((100 * a) / Math.max(1, n)).toFixed(1)} %`;

/** The blind everyday set's three numbers per half, for bench/results/search.md (issue 12). */
export function everydaySection(r: EverydayResults): string {
  const rows = r.rows.map(
    ({ engine, half, score: s }) =>
      `| ${engine} | ${half} | ${s.n} | ${pct(s.right, s.n)} | ${pct(s.confidentWrong, s.n)} | ${pct(s.declinedOrSuggested, s.n)} | ${s.rightOffered === undefined ? "–" : `${s.rightOffered} of ${s.declinedOrSuggested}`} | ${s.outOfScopeAnswered}/${s.outOfScope} (${pct(s.outOfScopeAnswered, s.outOfScope)}) |`,
  );
  return [
    START,
    '## Everyday questions (blind set)',
    '',
    `From \`npm run eval:everyday\` on ${r.date} over ${r.entries} entries: ${r.questions} questions by persona written without seeing the knowledge base, expected answers assigned by a separate judge. Set 1 is \`test/eval/everyday\` (thresholds are calibrated on its even half; its odd half was used to choose among the best calibrations, so it is no longer a clean report); set 2 is \`test/eval/fresh\`, written and judged later by other helpers and never used for a choice: the honest report. Floors (issue 12): right ≥ 85 %, confident wrong ≤ 3 %, out of scope answered ≤ 3 %. "right entry offered": of the questions declined or answered with suggestions although an entry answers them, how many offered that entry. Details: [everyday.md](everyday.md).`,
    '',
    '| engine | questions | n | right | confident wrong | declined or suggested | right entry offered | out of scope answered |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    END,
  ].join('\n');
}

/** Put the section into search.md (replacing an earlier one), if both files exist. */
export function updateSearchMd(searchMd = 'bench/results/search.md', everydayJson = 'bench/results/everyday.json'): void {
  if (!existsSync(searchMd) || !existsSync(everydayJson)) return;
  const parsed = JSON.parse(readFileSync(everydayJson, 'utf8')) as EverydayResults | unknown[];
  if (Array.isArray(parsed)) return; // an older file without date and counts
  const md = readFileSync(searchMd, 'utf8');
  const section = everydaySection(parsed);
  const at = md.indexOf(START);
  const end = md.indexOf(END);
  const next = at >= 0 && end > at ? `${md.slice(0, at)}${section}${md.slice(end + END.length)}` : `${md.trimEnd()}\n\n${section}\n`;
  writeFileSync(searchMd, next);
}
