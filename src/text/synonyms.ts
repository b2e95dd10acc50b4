import { stem } from './stemmer.js';
import { words } from './normalize.js';

/**
 * Groups of words staff use interchangeably. A query term from one group also matches the
 * others (with slightly lower weight), so "kodeord" finds entries written with "adgangskode".
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['adgangskode', 'kodeord', 'password', 'kode', 'pinkode', 'adgangskoder'],
  ['login', 'logge', 'log', 'logind', 'indlogning', 'logon'],
  ['besked', 'meddelelse', 'beskeder', 'meddelelser', 'indbakke'],
  ['app', 'appen', 'applikation', 'mobil', 'telefon', 'smartphone', 'iphone', 'android'],
  ['fejl', 'problem', 'bug', 'nedbrud', 'fejlmelding', 'fejlrapport', 'fejlindberetning'],
  ['supportberettiget', 'supportberettigede', 'supportbruger', 'supportberretiget', 'supportperson'],
  ['forælder', 'forældre', 'mor', 'far', 'værge', 'forældremyndighed'],
  ['medarbejder', 'personale', 'ansat', 'pædagog', 'lærer', 'underviser', 'medarbejdere'],
  ['barn', 'børn', 'elev', 'elever', 'barnet'],
  ['notifikation', 'notifikationer', 'underretning', 'push', 'pushbesked', 'advisering'],
  ['netcompany', 'leverandør', 'leverandøren', 'servicedesk', 'helpdesk'],
  ['kursus', 'kurser', 'uddannelse', 'undervisning', 'træning', 'oplæring'],
  ['udrulning', 'bølge', 'bølger', 'idriftsættelse', 'golive', 'udrulningsbølge'],
  ['samtykke', 'samtykker', 'tilladelse', 'tilladelser'],
  ['billede', 'billeder', 'foto', 'fotos', 'galleri'],
  ['komme', 'gå', 'kommegå', 'fremmøde', 'afhentning', 'tjekind'],
  ['fil', 'filer', 'dokument', 'dokumenter', 'fildeling'],
  ['kommune', 'kommunen', 'kommuner'],
  ['skema', 'skemaet', 'skemaer', 'timeplan', 'skemafejl'],
  ['sikkerhed', 'datasikkerhed', 'gdpr', 'databeskyttelse', 'persondata'],
  ['cpr', 'personnummer', 'cprnummer'],
];

const byStem = new Map<string, Set<string>>();
for (const group of SYNONYM_GROUPS) {
  const groupStems = new Set(group.flatMap((w) => words(w).map(stem)));
  for (const s of groupStems) {
    const existing = byStem.get(s) ?? new Set<string>();
    for (const other of groupStems) if (other !== s) existing.add(other);
    byStem.set(s, existing);
  }
}

/** Stems that mean the same as `s` (not including `s`). */
export function synonymsOf(s: string): ReadonlySet<string> {
  return byStem.get(s) ?? EMPTY;
}
const EMPTY: ReadonlySet<string> = new Set();
