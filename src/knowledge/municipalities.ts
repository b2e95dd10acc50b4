import { fold } from '../text/normalize.js';
import { parseSimpleCsv } from './csv.js';
import type { KnowledgeProblem } from './problem.js';

export interface Municipality {
  /** Kommunekode, e.g. "461". */
  code: string;
  /** Official name, e.g. "Odense Kommune". */
  name: string;
  /** Everyday name, e.g. "Odense". */
  shortName: string;
  region: string;
  /** Number of support-entitled users (seats) from the 2018 memo. */
  seats: number;
  note?: string;
}

const COLUMNS = ['kommunekode', 'kommune', 'kortnavn', 'region', 'supportberettigede', 'note'];

/** Load `data/municipalities.csv`, reporting every bad row. */
export function parseMunicipalities(text: string, file: string, problems: KnowledgeProblem[]): Municipality[] {
  const { header, rows } = parseSimpleCsv(text, file, problems);
  if (header.join(',') !== COLUMNS.join(',')) {
    problems.push({ file, line: 1, message: `kolonnerne skal være ${COLUMNS.join(',')}` });
    return [];
  }
  const out: Municipality[] = [];
  const seen = new Map<string, number>();
  for (const { line, values: v } of rows) {
    const code = v.kommunekode ?? '';
    const seats = Number(v.supportberettigede);
    if (!/^\d{3}$/.test(code)) problems.push({ file, line, message: `kommunekode "${code}" skal være tre cifre` });
    else if (seen.has(code)) problems.push({ file, line, message: `kommunekode ${code} står også i linje ${seen.get(code)}` });
    if (!Number.isInteger(seats) || seats < 1) problems.push({ file, line, message: `supportberettigede "${v.supportberettigede}" skal være et positivt heltal` });
    if (!v.kommune || !v.kortnavn || !v.region) problems.push({ file, line, message: 'kommune, kortnavn og region skal udfyldes' });
    seen.set(code, line);
    out.push({ code, name: v.kommune ?? '', shortName: v.kortnavn ?? '', region: v.region ?? '', seats, ...(v.note ? { note: v.note } : {}) });
  }
  return out;
}

/** Names a user might type for a municipality, folded: "odense", "koebenhavn", "koebenhavns", "aarhus"... */
export function municipalityAliases(m: Municipality): string[] {
  const short = fold(m.shortName);
  const aliases = new Set([short, fold(m.name), `${short}s`, fold(m.name.replace(/ (Regions)?[Kk]ommune$/, ''))]);
  // People write "Århus"/"Ålborg"/"Åbenrå" as often as the official "Aarhus"/"Aalborg"/"Aabenraa".
  if (short.startsWith('aa')) aliases.add(short.replace(/aa/g, 'a'));
  if (short.includes('-')) aliases.add(short.replace(/-/g, ' '));
  return [...aliases];
}

/** Find a municipality by kommunekode or name (any spelling in {@link municipalityAliases}). */
export function findMunicipality(list: readonly Municipality[], codeOrName: string): Municipality | undefined {
  return lookupFor(list).get(fold(codeOrName.trim()));
}

/** Code and every alias → municipality, built once per loaded table (the first one wins, as in the table's order). */
const lookups = new WeakMap<readonly Municipality[], Map<string, Municipality>>();
function lookupFor(list: readonly Municipality[]): Map<string, Municipality> {
  let map = lookups.get(list);
  if (!map) {
    map = new Map();
    for (const m of list) map.set(m.code, map.get(m.code) ?? m);
    for (const m of list) for (const a of municipalityAliases(m)) map.set(a, map.get(a) ?? m);
    lookups.set(list, map);
  }
  return map;
}
