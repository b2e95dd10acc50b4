import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface EvalQuestion {
  q: string;
  expected: string[];
  style: string;
  file: string;
}

export const EVAL_DIR = join('test', 'eval');

/** In-scope questions from every `questions-*.json` in test/eval. */
export function loadEvalQuestions(dir = EVAL_DIR): EvalQuestion[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /^questions-.*\.json$/.test(f))
    .sort()
    .flatMap((file) =>
      (JSON.parse(readFileSync(join(dir, file), 'utf8')) as { q: string; expected: string | string[]; style?: string }[]).map((x) => ({
        q: x.q,
        expected: Array.isArray(x.expected) ? x.expected : [x.expected],
        style: x.style ?? 'paraphrase',
        file,
      })),
    );
}

/** Questions the bot must not answer confidently. */
export function loadOutOfScope(dir = EVAL_DIR): string[] {
  const path = join(dir, 'out-of-scope.json');
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as string[]) : [];
}

export interface Accuracy {
  n: number;
  top1: number;
  top3: number;
}

/** Share of questions whose expected id is first / among the first three of `rank`. */
export function accuracy(questions: readonly EvalQuestion[], rank: (q: string) => readonly string[]): Accuracy & { misses: { q: string; expected: string[]; got: string[] }[] } {
  let top1 = 0;
  let top3 = 0;
  const misses: { q: string; expected: string[]; got: string[] }[] = [];
  for (const x of questions) {
    const got = rank(x.q).slice(0, 3);
    if (got[0] !== undefined && x.expected.includes(got[0])) top1++;
    else misses.push({ q: x.q, expected: x.expected, got });
    if (got.some((id) => x.expected.includes(id))) top3++;
  }
  const n = questions.length || 1;
  return { n: questions.length, top1: top1 / n, top3: top3 / n, misses };
}
