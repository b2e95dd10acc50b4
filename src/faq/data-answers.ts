import type { Municipality } from '../knowledge/municipalities.js';
import { municipalityAliases } from '../knowledge/municipalities.js';
import type { Wave } from '../knowledge/waves.js';
import { deletes1, editDistance } from '../search/edit-distance.js';
import { fold, words } from '../text/normalize.js';
import type { Answer } from './answer.types.js';
import { danishDate, danishList } from './danish-format.js';

export const SEATS_SOURCE = 'KOMBIT: Fordeling af supportberettigede brugere til teknisk support i Aula (notat, 2018), tabellen side 3–5';
export const WAVES_SOURCE = 'KOMBIT: Implementeringshåndbog for dagtilbud, version 3.2 (2020), del 2, tabellen over udrulningsbølger';
/** The municipalities that did not join Aula Dagtilbud (kommunekode), with the sources that say so. */
const NOT_IN_DAYCARE = new Set(['101', '621', '630']);
const NOT_IN_DAYCARE_SOURCES = [
  'aulainfo.dk: Tidsplanen for Aula',
  'Styrelsen for It og Læring: Aula lanceres (2019)',
  'KL: Implementeringen af Aula',
];

const SEAT_TOPIC = /support ?-?b[ae]r+e?t+|supportbruger|supportperson|\bpladser?\b|\bseats?\b|\bsaeder?\b|\bkontakte? netcompany|\bkontakt til netcompany|\b(ind)?melde fejl( ind)? til netcompany|\bringe til netcompany/;
const TOTAL_TOPIC = /\bi ?alt\b|\bsamlet\b|\btotal\b|\bhele landet\b|\balle kommuner\b|\blandsplan\b|\bi danmark\b|\bnationalt?\b|\btilsammen\b|\blandsdaekkende\b/;
const MOST_TOPIC = /\bflest\b|\bhoejeste\b|\bstoerste antal\b|\bmest\b/;
const LEAST_TOPIC = /\bfaerrest\b|\blaveste\b|\bmindste antal\b|\bmindst\b/;
const WAVE_STRONG = /boelge|udrul|medarbejderadgang|foraeldreadgang|go ?live|idriftsat/;
const WAVE_WEAK = /\badgang\b|gik paa aula|\blogge? (paa|ind)\b|\bdagtilbud\b|\b(start|begynd)\w* (med |paa )?aula\b|\baula\b.* (start|begynd)\w*\b/;
const WHEN = /\bhvornaar\b|\bdato(en|er|erne)?\b|\bhvilken dag\b/;
const ALL_WAVES = /\b(datoer(ne)?|alle|hver|forskellige|regioner(ne)?)\b/;
const REGION_TOPIC = /\bregion\b|\bkommunekode\w*|\bkommunenummer\w*|\bkode(n)?\b/;
const HOW_MANY = /\bhvor mange\b|\bantal(let)?\b/;

const REGION_ALIASES: Record<string, string[]> = {
  'Region Nordjylland': ['nordjylland', 'nordjyske', 'region nord'],
  'Region Hovedstaden': ['hovedstaden', 'hovedstadsregionen', 'hovedstadsomraadet'],
  'Region Midtjylland': ['midtjylland', 'midtjyske', 'region midt'],
  'Region Syddanmark': ['syddanmark', 'region syd'],
  'Region Sjaelland': ['sjaelland', 'sjaellandske'],
};

const ORDINALS: Record<string, number> = { foerste: 1, anden: 2, andre: 2, tredje: 3, fjerde: 4, femte: 5 };

/** Answers generated from the seat table and the rollout-wave table. */
export class DataAnswers {
  private readonly aliases: { alias: string; needle: string; municipality: Municipality }[];
  /** Single-word aliases of 6+ letters by themselves and their one-letter deletions → indexes into `aliases`. */
  private readonly typoIndex = new Map<string, number[]>();

  constructor(private readonly municipalities: readonly Municipality[], private readonly waves: readonly Wave[]) {
    this.aliases = municipalities.flatMap((m) => municipalityAliases(m).map((alias) => ({ alias, needle: ` ${alias.replace(/-/g, ' ')} `, municipality: m })));
    this.aliases.sort((a, b) => b.alias.length - a.alias.length);
    this.aliases.forEach(({ alias }, i) => {
      if (alias.includes(' ') || alias.length < 6) return;
      for (const key of [alias, ...deletes1(alias)]) this.typoIndex.set(key, [...(this.typoIndex.get(key) ?? []), i]);
    });
  }

  /** A generated answer when the question is clearly about the tables, else undefined. */
  answer(question: string): Answer | undefined {
    const tokens = words(question.slice(0, 500));
    const text = ` ${tokens.join(' ')} `;
    const found = this.findMunicipalities(tokens, text);
    const region = this.findRegion(text);
    if (SEAT_TOPIC.test(text)) {
      if (found.length) return this.seatsFor(found);
      const n = tokens.map(Number).find((v) => Number.isInteger(v) && v > 0 && v < 100);
      if (n !== undefined && /kommune/.test(text)) return this.withSeats(n);
      if (MOST_TOPIC.test(text)) return this.withSeats(Math.max(...this.municipalities.map((m) => m.seats)));
      if (LEAST_TOPIC.test(text)) return this.withSeats(Math.min(...this.municipalities.map((m) => m.seats)));
      if (region) return this.seatsInRegion(region);
      if (TOTAL_TOPIC.test(text) || /\bhvor mange\b/.test(text) && /\bkommuner(ne)?\b/.test(text)) return this.total();
      return undefined;
    }
    if (WAVE_STRONG.test(text) || (WAVE_WEAK.test(text) && WHEN.test(text))) {
      const wave = this.findWave(text, region, found[0]);
      if (wave) return this.waveAnswer(wave, found[0]);
      if (ALL_WAVES.test(text) && (WHEN.test(text) || /boelge/.test(text))) return this.allWaves();
    }
    if (found.length === 1 && (REGION_TOPIC.test(text) || (HOW_MANY.test(text) && /netcompany|fejl/.test(text)))) return this.seatsFor(found);
    return undefined;
  }

  private findMunicipalities(tokens: readonly string[], text: string): Municipality[] {
    const out: Municipality[] = [];
    let rest = text;
    for (const { needle, municipality } of this.aliases) {
      if (rest.includes(needle)) {
        if (!out.includes(municipality)) out.push(municipality);
        rest = rest.replace(needle, ' ');
      }
    }
    if (out.length) return out;
    // One typo in a longer single-word name: "Odnese", "Silkeborgs".
    for (const t of tokens) {
      if (t.length < 6) continue;
      const hit = this.typoMatch(t);
      if (hit && !out.includes(hit)) out.push(hit);
    }
    return out;
  }

  /** The first alias (longest first) within one edit of `token`: candidates share the token or one of its deletions. */
  private typoMatch(token: string): Municipality | undefined {
    const candidates = new Set<number>();
    for (const key of [token, ...deletes1(token)]) for (const i of this.typoIndex.get(key) ?? []) candidates.add(i);
    const first = [...candidates].sort((a, b) => a - b).find((i) => editDistance(token, this.aliases[i]!.alias, 1) <= 1);
    return first === undefined ? undefined : this.aliases[first]!.municipality;
  }

  private findRegion(text: string): string | undefined {
    for (const [region, aliases] of Object.entries(REGION_ALIASES)) {
      if (aliases.some((a) => text.includes(` ${a} `) || text.includes(` ${a}s `))) {
        return this.municipalities.find((m) => fold(m.region) === fold(region))?.region ?? region;
      }
    }
    return undefined;
  }

  private findWave(text: string, region: string | undefined, m: Municipality | undefined): Wave | undefined {
    if (region) return this.waves.find((w) => fold(w.region) === fold(region));
    if (m) return this.waves.find((w) => fold(w.region) === fold(m.region));
    // "bølge 3", "3. bølge", "tredje bølge": the number must stand next to the word.
    const match = /\bboelge (\d)\b|\b(\d|foerste|anden|tredje|fjerde|femte) boelge\b/.exec(text);
    const raw = match?.[1] ?? match?.[2];
    const n = raw === undefined ? undefined : (ORDINALS[raw] ?? Number(raw));
    return n === undefined ? undefined : this.waves.find((w) => w.number === n);
  }

  private seatsFor(list: readonly Municipality[]): Answer {
    const lines = list.map((m) => `**${m.name}** (kommunekode ${m.code}, ${m.region}) har **${m.seats}** supportberettigede brugere.${m.note ? ` _${m.note}._` : ''}`);
    const first = list[0]!;
    return {
      id: `data-seats-${first.code}`,
      title: list.length === 1 ? `Hvor mange supportberettigede brugere har ${first.shortName}?` : 'Antal supportberettigede brugere i kommunerne',
      text: `${lines.join('\n\n')}\n\n${SEATS_NOTE}`,
      sources: [SEATS_SOURCE],
      asOf: '2018',
    };
  }

  private withSeats(n: number): Answer {
    const list = this.municipalities.filter((m) => m.seats === n).map((m) => m.shortName).sort((a, b) => a.localeCompare(b, 'da'));
    const counts = [...new Set(this.municipalities.map((m) => m.seats))].sort((a, b) => a - b);
    const text = list.length
      ? `${list.length} ${list.length === 1 ? 'kommune har' : 'kommuner har'} **${n}** supportberettigede brugere: ${danishList(list)}.`
      : `Ingen kommune har ${n} supportberettigede brugere. Antallene i tabellen er ${danishList(counts.map(String))}.`;
    return { id: `data-seats-count-${n}`, title: `Hvilke kommuner har ${n} supportberettigede brugere?`, text: `${text}\n\n${SEATS_NOTE}`, sources: [SEATS_SOURCE], asOf: '2018' };
  }

  private seatsInRegion(region: string): Answer {
    const list = this.municipalities.filter((m) => m.region === region).sort((a, b) => a.shortName.localeCompare(b.shortName, 'da'));
    const sum = list.reduce((s, m) => s + m.seats, 0);
    const rows = list.map((m) => `- ${m.shortName}: ${m.seats}`).join('\n');
    return {
      id: `data-seats-region-${slug(region)}`,
      title: `Hvor mange supportberettigede brugere er der i ${region}?`,
      text: `De ${list.length} kommuner i **${region}** har tilsammen **${sum}** supportberettigede brugere:\n\n${rows}\n\n${SEATS_NOTE}`,
      sources: [SEATS_SOURCE],
      asOf: '2018',
    };
  }

  private total(): Answer {
    const sum = this.municipalities.reduce((s, m) => s + m.seats, 0);
    const counts = new Map<number, number>();
    for (const m of this.municipalities) counts.set(m.seats, (counts.get(m.seats) ?? 0) + 1);
    const spread = [...counts].sort((a, b) => a[0] - b[0]).map(([seats, n]) => `${n} kommuner har ${seats}`);
    return {
      id: 'data-seats-total',
      title: 'Hvor mange supportberettigede brugere er der i alt?',
      text: `Der er **${sum}** supportberettigede brugere i alt fordelt på **${this.municipalities.length}** kommuner. ${danishList(spread)}.\n\n${SEATS_NOTE}`,
      sources: [SEATS_SOURCE],
      asOf: '2018',
    };
  }

  private waveAnswer(w: Wave, m: Municipality | undefined): Answer {
    if (m && NOT_IN_DAYCARE.has(m.code)) return notInDaycare(m);
    const who = m ? `${m.name} ligger i ${w.region}, som var` : `${w.region} var`;
    const text =
      `${who} **bølge ${w.number}** i udrulningen af Aula på dagtilbudsområdet:\n\n` +
      `- Udrulning: ${danishDate(w.rolloutStart)} – ${danishDate(w.rolloutEnd)}\n` +
      `- Medarbejderne fik adgang: ${danishDate(w.staffAccess)}\n` +
      `- Forældrene fik adgang: ${danishDate(w.parentAccess)}\n\n` +
      `Datoerne gælder udrulningen i 2020–2021 og er historiske.`;
    return { id: `data-waves-${w.number}`, title: `Hvornår var udrulningen af Aula i dagtilbud i ${w.region}?`, text, sources: [WAVES_SOURCE], asOf: '2020' };
  }

  private allWaves(): Answer {
    const rows = this.waves.map(
      (w) => `- **Bølge ${w.number}, ${w.region}:** udrulning ${danishDate(w.rolloutStart)} – ${danishDate(w.rolloutEnd)}, medarbejdere ${danishDate(w.staffAccess)}, forældre ${danishDate(w.parentAccess)}`,
    );
    return {
      id: 'data-waves-all',
      title: 'Hvornår var de fem udrulningsbølger for dagtilbud?',
      text: `Aula blev udrullet til dagtilbud i fem regionale bølger:\n\n${rows.join('\n')}\n\nDatoerne gælder udrulningen i 2020–2021 og er historiske.`,
      sources: [WAVES_SOURCE],
      asOf: '2020',
    };
  }
}

/** København, Vejle and Kolding chose not to join Aula Dagtilbud, so the regional wave dates do not apply to them. */
function notInDaycare(m: Municipality): Answer {
  const text =
    `**${m.name}** var ikke med i udrulningen af Aula på dagtilbudsområdet. Aula Dagtilbud kræver en særskilt aftale, ` +
    `og ifølge aulainfo.dk og Styrelsen for It og Læring (2019) tilsluttede alle kommuner sig undtagen **København, Vejle og Kolding**. ` +
    `Datoerne for ${m.region}s udrulningsbølge gælder derfor ikke for kommunens dagtilbud.\n\n` +
    `KL skrev dog 97 kommuner, så kilderne er ikke enige, og vi ved ikke, om kommunen er kommet med senere. ` +
    `Kommunens skoler bruger Aula. Spørg kommunen eller dagtilbuddet, hvilket system de bruger i dag.`;
  return { id: `data-waves-not-joined-${m.code}`, title: `Hvornår kom Aula til dagtilbud i ${m.shortName}?`, text, sources: NOT_IN_DAYCARE_SOURCES, asOf: '2019-10' };
}

const SEATS_NOTE = 'Tallet kommer fra KOMBITs fordeling fra 2018, som er beregnet ud fra antallet af børn i skoler og dagtilbud. Kommunen fordeler selv pladserne mellem skole- og dagtilbudsområdet.';

function slug(s: string): string {
  return fold(s).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
