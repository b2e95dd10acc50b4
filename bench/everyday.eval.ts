/**
 * `npm run eval:everyday`: the blind everyday sets through the real FAQ service, and through plain
 * fuse.js for comparison. Both sets were written without seeing the knowledge base, and their
 * expected answers were assigned afterwards by a separate judge:
 * - set 1, test/eval/everyday: thresholds are calibrated on its even-numbered half; its odd half is
 *   for validation (choosing among the best calibrations), no longer a clean report;
 * - set 2, test/eval/fresh (written and judged later, by other helpers): report only, never tuned on.
 * Three numbers per row: right answer, confident wrong answer, declined or suggested; plus how often
 * a declined question still offered the right entry as a suggestion, and out-of-scope questions
 * answered. Prints a table and writes bench/results/everyday.md and everyday.json.
 *
 * While tuning, `EVERYDAY_DETAIL=even` runs the calibration half only: it prints the totals and
 * every even-half question that was not right (confident wrong, declined, out of scope answered),
 * writes them to `EVERYDAY_OUT` (default /tmp/everyday-even.json) and leaves bench/results alone.
 * Nothing else is scored in that mode, so the other questions' outcomes stay unseen.
 */
import Fuse from 'fuse.js';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { updateSearchMd, type EverydayResults } from './everyday.section.js';
import { join } from 'node:path';
import { FaqService } from '../src/faq/faq.service.js';
import { loadKnowledge } from '../src/knowledge/knowledge.loader.js';
import { buildSnapshot } from '../src/knowledge/knowledge.store.js';

interface Question {
  q: string;
  persona: string;
  kind: 'everyday' | 'short' | 'misspelt' | 'out-of-scope';
}
interface Expectation {
  i: number;
  expected: string[];
  judgement: 'answer' | 'clarify' | 'none';
}
/** What the bot did: answered with an entry, or did not answer outright (suggested, clarified, declined). */
type Outcome = { answered: string } | { answered: null; offered: string[] };

export interface Score {
  n: number;
  right: number;
  confidentWrong: number;
  declinedOrSuggested: number;
  outOfScope: number;
  outOfScopeAnswered: number;
  /** Of the declined or suggested questions that had an answer: how many offered it as a suggestion. */
  rightOffered: number;
  wrong: { i: number; q: string; expected: string[]; got: string; kind: string }[];
  /** Questions whose expected entry was not given outright (only kept for detail runs). */
  missed: { i: number; q: string; expected: string[]; judgement: string; offered: string[] }[];
}

interface EvalSet {
  questions: Question[];
  expectations: Expectation[];
}

/** A blind set's questions and the judge's expectations, checked to line up; undefined if not judged yet. */
function loadSet(dir: string): EvalSet | undefined {
  if (!existsSync(join(dir, 'expected.json'))) return undefined;
  const questions = JSON.parse(readFileSync(join(dir, 'questions.json'), 'utf8')) as Question[];
  const expectations = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expectation[];
  if (expectations.length !== questions.length || expectations.some((e, i) => e.i !== i)) throw new Error(`${dir}/expected.json does not line up with questions.json`);
  return { questions, expectations };
}

/** Each engine's outcome per question text, so that a question in several rows is asked once. */
function memo(run: (q: string) => Outcome): (q: string) => Outcome {
  const seen = new Map<string, Outcome>();
  return (q) => {
    let o = seen.get(q);
    if (!o) seen.set(q, (o = run(q)));
    return o;
  };
}

/**
 * Right: the expected entry answered (or, where the judge said "none" or "clarify", no confident
 * answer; a clarifying answer with one of the entries right after clarification also counts).
 * Confident wrong: answered with anything else. Declined or suggested: the rest.
 */
export function score(set: EvalSet, run: (q: string) => Outcome, indices: readonly number[]): Score {
  const { questions, expectations } = set;
  const s: Score = { n: 0, right: 0, confidentWrong: 0, declinedOrSuggested: 0, rightOffered: 0, outOfScope: 0, outOfScopeAnswered: 0, wrong: [], missed: [] };
  for (const i of indices) {
    const q = questions[i]!;
    const e = expectations[i]!;
    const o = run(q.q);
    s.n++;
    if (q.kind === 'out-of-scope') {
      s.outOfScope++;
      if (o.answered) s.outOfScopeAnswered++;
    }
    if (o.answered === null) {
      if (e.judgement === 'answer') {
        s.declinedOrSuggested++;
        if (o.offered.some((id) => e.expected.includes(id))) s.rightOffered++;
        s.missed.push({ i, q: q.q, expected: e.expected, judgement: e.judgement, offered: o.offered });
      } else s.right++;
    } else if (e.expected.includes(o.answered)) s.right++;
    else {
      s.confidentWrong++;
      s.wrong.push({ i, q: q.q, expected: e.expected, got: o.answered, kind: q.kind });
    }
  }
  return s;
}

function main(): void {
  const first = loadSet(join('test', 'eval', 'everyday'));
  if (!first) throw new Error('test/eval/everyday/expected.json is missing');
  const fresh = loadSet(join('test', 'eval', 'fresh'));
  const kb = loadKnowledge('knowledge');
  const snap = buildSnapshot(kb);
  const faq = new FaqService(() => snap);
  const ours = memo((q: string): Outcome => {
    const r = faq.ask(q);
    return r.outcome === 'answered' && r.answer ? { answered: r.answer.id } : { answered: null, offered: r.suggestions.map((x) => x.id) };
  });
  // Plain fuse.js as a baseline: its best hit under its default threshold counts as an answer.
  const fuse = new Fuse(kb.entries, { keys: ['title', 'alternatives', 'tags', 'body'], includeScore: true });
  const plain = memo((q: string): Outcome => {
    const hit = fuse.search(q, { limit: 1 })[0];
    return hit ? { answered: hit.item.id } : { answered: null, offered: [] };
  });
  const every = (set: EvalSet) => set.questions.map((_, i) => i);
  if (process.env.EVERYDAY_DETAIL === 'even') {
    detailEven(first, ours, every(first).filter((i) => i % 2 === 0));
    return;
  }
  const rowsOf: [string, EvalSet, number[]][] = [
    ['set 1: calibration (even)', first, every(first).filter((i) => i % 2 === 0)],
    ['set 1: validation (odd)', first, every(first).filter((i) => i % 2 === 1)],
    ...(fresh ? [['set 2: report (all, fresh)', fresh, every(fresh)] as [string, EvalSet, number[]]] : []),
  ];
  const pct = (a: number, n: number) => `${((100 * a) / Math.max(1, n)).toFixed(1)} %`;
  const rows: { engine: string; half: string; score: Score }[] = [];
  const lines = ['| engine | questions | n | right | confident wrong | declined or suggested | right entry offered | out of scope answered |', '|---|---|---|---|---|---|---|---|'];
  for (const [engine, run] of [['ours', ours], ['plain fuse.js', plain]] as const) {
    for (const [half, set, idx] of rowsOf) {
      const s = score(set, run, idx);
      rows.push({ engine, half, score: s });
      const line = `| ${engine} | ${half} | ${s.n} | ${pct(s.right, s.n)} | ${pct(s.confidentWrong, s.n)} | ${pct(s.declinedOrSuggested, s.n)} | ${s.rightOffered}/${s.declinedOrSuggested} | ${s.outOfScopeAnswered}/${s.outOfScope} (${pct(s.outOfScopeAnswered, s.outOfScope)}) |`;
      lines.push(line);
      process.stdout.write(`${line}\n`);
    }
  }
  const reports = rows.filter((r) => r.engine === 'ours' && !r.half.includes('calibration'));
  const md = [
    '# Everyday evaluation (blind sets)',
    '',
    `Run ${new Date().toISOString()} on ${kb.entries.length} knowledge entries. Set 1: ${first.questions.length} questions from \`test/eval/everyday\`; set 2: ${fresh ? `${fresh.questions.length} questions from \`test/eval/fresh\`` : 'not judged yet'}. Both were written blind to the knowledge base, with expected answers by a separate judge (see each folder's MAPPING.md). Thresholds are calibrated on set 1's even half; its odd half served to choose among the best calibrations (validation), so set 2 is the clean report.`,
    'Floors (issue 12): right ≥ 85 %, confident wrong ≤ 3 %, out of scope answered ≤ 3 %, on the report rows.',
    '',
    ...lines,
    '',
    ...reports.flatMap((r) => [
      `## Confident wrong answers, ${r.half} (${r.score.wrong.length})`,
      '',
      ...r.score.wrong.map((w) => `- "${w.q}" → \`${w.got}\` (expected ${w.expected.length ? w.expected.map((x) => `\`${x}\``).join(', ') : 'no answer'})`),
      '',
    ]),
  ].join('\n');
  mkdirSync(join('bench', 'results'), { recursive: true });
  writeFileSync(join('bench', 'results', 'everyday.md'), md);
  const results: EverydayResults = {
    date: new Date().toISOString(),
    entries: kb.entries.length,
    questions: first.questions.length + (fresh?.questions.length ?? 0),
    rows: rows.map((r) => ({ ...r, score: { ...r.score, wrong: r.score.wrong.length, missed: r.score.missed.length } })),
  };
  writeFileSync(join('bench', 'results', 'everyday.json'), JSON.stringify(results, null, 2));
  // The three numbers also stand in search.md, next to the entry-written set and plain fuse.js.
  updateSearchMd();
}

/** Calibration half only: totals and every question that was not right, for tuning. */
function detailEven(set: EvalSet, run: (q: string) => Outcome, even: number[]): void {
  const s = score(set, run, even);
  const pct = (a: number, n: number) => `${((100 * a) / Math.max(1, n)).toFixed(1)} %`;
  const out = process.env.EVERYDAY_OUT ?? '/tmp/everyday-even.json';
  process.stdout.write(`even half: n ${s.n}, right ${pct(s.right, s.n)} (${s.right}), confident wrong ${pct(s.confidentWrong, s.n)} (${s.confidentWrong}), declined or suggested ${pct(s.declinedOrSuggested, s.n)} (${s.declinedOrSuggested}), out of scope answered ${s.outOfScopeAnswered}/${s.outOfScope}\n`);
  process.stdout.write('\n## confident wrong\n');
  for (const w of s.wrong) process.stdout.write(`${w.i} [${w.kind}] "${w.q}" → ${w.got} (expected ${w.expected.join(', ') || 'none'})\n`);
  process.stdout.write('\n## declined or suggested (an answer was expected)\n');
  for (const m of s.missed) process.stdout.write(`${m.i} "${m.q}" expected ${m.expected.join(', ')}; offered ${m.offered.join(', ') || '-'}\n`);
  writeFileSync(out, JSON.stringify(s, null, 2));
}

main();
