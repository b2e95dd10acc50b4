import { parseSimpleCsv } from './csv.js';
import type { KnowledgeProblem } from './problem.js';

/** One regional rollout wave for dagtilbud (2020–2021). Dates are ISO `YYYY-MM-DD`. */
export interface Wave {
  number: number;
  region: string;
  rolloutStart: string;
  rolloutEnd: string;
  staffAccess: string;
  parentAccess: string;
}

const COLUMNS = ['boelge', 'region', 'udrulning_start', 'udrulning_slut', 'medarbejderadgang', 'foraeldreadgang'];
const ISO = /^\d{4}-\d{2}-\d{2}$/;

export function parseWaves(text: string, file: string, problems: KnowledgeProblem[]): Wave[] {
  const { header, rows } = parseSimpleCsv(text, file, problems);
  if (header.join(',') !== COLUMNS.join(',')) {
    problems.push({ file, line: 1, message: `kolonnerne skal være ${COLUMNS.join(',')}` });
    return [];
  }
  return rows.map(({ line, values: v }) => {
    for (const c of COLUMNS.slice(2)) {
      if (!ISO.test(v[c] ?? '')) problems.push({ file, line, message: `${c} "${v[c]}" skal være en dato ÅÅÅÅ-MM-DD` });
    }
    const number = Number(v.boelge);
    if (!Number.isInteger(number) || number < 1) problems.push({ file, line, message: `boelge "${v.boelge}" skal være et positivt heltal` });
    return {
      number,
      region: v.region ?? '',
      rolloutStart: v.udrulning_start ?? '',
      rolloutEnd: v.udrulning_slut ?? '',
      staffAccess: v.medarbejderadgang ?? '',
      parentAccess: v.foraeldreadgang ?? '',
    };
  });
}
