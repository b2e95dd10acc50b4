import { fold } from '../text/normalize.js';

/**
 * What a question asks for. An entry answers a question only if its own phrasings ask the same
 * kind of thing: "hvor mange kan jeg invitere" does not answer "hvordan opretter jeg en begivenhed",
 * and "kan vi se, hvem der har logget på" does not answer "jeg kan ikke logge ind".
 */
export const QUESTION_TYPES = ['hvem', 'hvornaar', 'hvor-mange', 'hvordan', 'hvor', 'hvorfor', 'problem', 'ja-nej', 'hvad'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

let lastText = '';
let lastCue = '';

/**
 * Folded words separated by single spaces (punctuation and hyphens become spaces), which every
 * cue below is written against. One question is read by several cues in a row, so the last
 * result is kept.
 */
function cueText(text: string): string {
  if (text !== lastText) {
    lastText = text;
    lastCue = fold(text).replace(/[^a-z0-9 ]+/g, ' ').replace(/\s+/g, ' ').trim();
  }
  return lastCue;
}

/** Ordered by how strongly the type constrains the answer (ties at one position go to the first). */
const CUES: readonly [QuestionType, RegExp][] = [
  ['hvor-mange', /\bhvor (mange|meget|stor|stort|store)\b|\bantal(let)?\b|\bmaks(imalt|imum)?\b|\bgraense\b/],
  ['hvornaar', /\bhvornaar\b|\bhvor mange (dage|timer|uger|maaneder|aar|minutter)\b|\b(fra )?hvilken alder\b|\bhvor gammel\b|\bhvilken dato\b|\bhvilket tidspunkt\b|\bhvor laenge\b|\bhvor (hurtigt|ofte|tit)\b|\bdeadline\b|\btidsplan\b/],
  ['hvem', /\bhvem\b|\bhvilken (person|afdeling|leverandoer)\b/],
  ['problem', /\b(kan|kunne|kommer) (jeg |vi |han |hun |den |det |man )?ikke\b|\b(virker|fungerer|duer|vises|opdaterer|loader|sker) ikke\b|\b(faar|modtager|ser|har) (jeg |vi )?(ingen|ikke)\b|\bikke (virker|fungerer|muligt)\b|\bfejl\w*\b|\bmangler\b|\bglemt\b|\blaast\b|\bproblem\w*\b|\bgaar ned\b|\b(er|ligger) nede\b|\bforkert\w*\b|\bvirker ikke\b|\b\w{3,}er ikke\b|\ber (vaek|forsvundet|vaeket)\b|\bforsvundet\b|\bikke (logge|komme|se|aabne|finde|sende|uploade)\b/],
  ['hvordan', /\bhvordan\b|\bhvad (goer|skal) (jeg|man|vi)( goere)?\b|\bvejledning\b|\bguide\b|\btrin for trin\b/],
  ['hvorfor', /\bhvorfor\b|\bhvad er grunden\b|\bhvad skyldes\b/],
  ['hvor', /\bhvor\b(?! (mange|meget|laenge|stor|stort|store|ofte|tit|hurtigt|godt|sikker))/],
  ['ja-nej', /^(kan|skal|er|har|maa|bruger|findes|bliver|faar|vil|kommer|gaelder|kraever|tager|koster|virker|ser|giver|sender|gemmes|slettes|laver|kunne)\b/],
  ['hvad', /\bhvad\b|\bhvilke[nt]?\b/],
];

/** The kinds of thing a text asks, in the order the text asks them (empty for keyword-only text). */
export function questionTypes(text: string): QuestionType[] {
  const t = cueText(text);
  const found: [QuestionType, number][] = [];
  for (const [type, re] of CUES) {
    const m = re.exec(t);
    if (m) found.push([type, m.index]);
  }
  // Stable: at the same position the stronger cue (earlier in CUES) comes first.
  return found.sort((a, b) => a[1] - b[1]).map(([type]) => type);
}

/** Which entry types can answer a question of each type; types not listed constrain nothing. */
const ANSWERED_BY: Partial<Record<QuestionType, ReadonlySet<QuestionType>>> = {
  'hvor-mange': new Set(['hvor-mange']),
  hvornaar: new Set(['hvornaar']),
  hvem: new Set(['hvem']),
  problem: new Set(['problem', 'hvordan', 'hvorfor']),
  hvordan: new Set(['hvordan', 'problem', 'hvem', 'hvor', 'ja-nej', 'hvad']),
  hvor: new Set(['hvor', 'hvordan', 'problem', 'ja-nej', 'hvad']),
};

/**
 * Does an entry whose phrasings ask `entryTypes` answer a question asking `queryTypes`? A question
 * asking two things ("hvem … og hvornår …") fits an entry answering either; an entry with
 * keyword-only phrasings fits anything.
 */
export function typeFits(queryTypes: readonly QuestionType[], entryTypes: ReadonlySet<QuestionType>): boolean {
  return typeFit(queryTypes, entryTypes) !== 'no';
}

/**
 * Like {@link typeFits}, but says when the fit is only partial: a "hvordan" question answered by
 * an entry about a problem ("kan ikke uploade") or a yes/no question tells only part of the way.
 */
export function typeFit(queryTypes: readonly QuestionType[], entryTypes: ReadonlySet<QuestionType>): 'yes' | 'weak' | 'no' {
  const constrained = queryTypes.filter((t) => ANSWERED_BY[t] !== undefined);
  if (constrained.length === 0 || entryTypes.size === 0) return 'yes';
  let weak = false;
  for (const q of constrained) {
    for (const t of entryTypes) {
      if (!ANSWERED_BY[q]!.has(t)) continue;
      if (!PARTIAL[q]?.has(t)) return 'yes';
      weak = true;
    }
  }
  return weak ? 'weak' : 'no';
}

const PARTIAL: Partial<Record<QuestionType, ReadonlySet<QuestionType>>> = {
  hvordan: new Set(['problem', 'ja-nej', 'hvad', 'hvem']),
  problem: new Set(['hvordan']),
  hvor: new Set(['ja-nej', 'hvad', 'problem']),
};

const CHILD = /\b(barn|barnet|barns|barnets|boern|boernene|boernenes|elev|elevs|elever|eleven|elevens|elevernes|soen|datter|indskoling|skolebarn)\b/;
const FIRST_PERSON = /\b(min|mit|mine|jeg)\b/;

const CREDENTIALS = /\b(kode\w*|adgangskode\w*|password|unilogin|login|logge|logger|mitid)\b/;

/** The entry's title is about a child's login or password ("Mit barn har glemt sin UNI-Login-adgangskode"). */
export function aboutChildCredentials(entryTitle: string): boolean {
  const title = fold(entryTitle).replace(/-/g, ' ');
  return CHILD.test(title) && CREDENTIALS.test(title);
}

/** The question is about the asker's own things ("min adgangskode") and mentions no child. */
export function aboutOwnNotChild(query: string): boolean {
  const q = cueText(query);
  return FIRST_PERSON.test(q) && !CHILD.test(q);
}

/** The types an entry answers: those its title and alternatives ask, or `asks` when the entry names them. */
export function entryTypes(title: string, alternatives: readonly string[], asks?: readonly string[]): Set<QuestionType> {
  if (asks?.length) return new Set(asks.map((a) => fold(a).replace(/\s+/g, '-')).filter((a): a is QuestionType => (QUESTION_TYPES as readonly string[]).includes(a)));
  const out = new Set<QuestionType>();
  for (const p of [title, ...alternatives]) {
    const types = questionTypes(p);
    // Keyword phrasings ("aula kalender outlook") say nothing about what is asked.
    if (types[0]) out.add(types[0]);
  }
  return out;
}

/** Who the asker is, when the question says so. */
export type AskerRole = 'staff' | 'parent';

const PARENT_WORD = '(foraelder|foralder|foraeldre|foraldre|mor|far|vaerge|mor til|far til)';
const PARENT_CUE = new RegExp(`\\b(som ${PARENT_WORD}|jeg er (en )?(ny )?${PARENT_WORD}|vi er ${PARENT_WORD}|mit barn|min (soen|son|datter|dreng|pige)|vores (barn|boern|born|soen|son|datter)|mine (boern|born)|mit barns|min (soen|son|datter)s)\\b`);
const STAFF_CUE = /\b(som (medarbejder|paedagog|pedagog|laerer|larer|leder|ansat|underviser|paedagogmedhjaelper|kontaktlaerer|klasselaerer|superbruger)|jeg er (en )?(ny )?(medarbejder|paedagog|pedagog|laerer|larer|leder|ansat|underviser|superbruger)|boernene\w*|bornene\w*|eleverne\w*|foraeldrene\w*|foraldrene\w*|paa stuen|pa stuen|i klassen|min klasse|mine elever|kollega\w*|personalet|et barn|en elev|elevernes|boernenes|bornenes|en foraelder|foraeldrenes)\b/;

/** The asker's role as the question itself states it, if it does. */
export function roleCue(text: string): AskerRole | undefined {
  const t = cueText(text);
  const parent = PARENT_CUE.test(t);
  const staff = STAFF_CUE.test(t);
  return parent === staff ? undefined : parent ? 'parent' : 'staff';
}

/** Which side an entry is written for: parents only, staff side only, or both. */
export function audienceSide(audience: readonly string[] | undefined): 'parent' | 'staff' | 'both' {
  if (!audience?.length) return 'both';
  const parents = audience.includes('parents');
  const staff = audience.some((a) => a !== 'parents');
  return parents && staff ? 'both' : parents ? 'parent' : 'staff';
}

/** Named systems and devices; a question naming one is not answered by an entry about another. */
const NAMES: readonly [string, RegExp][] = [
  ['mitid', /\bmit ?id\b/],
  ['unilogin', /\buni ?login\b/],
  ['nemid', /\bnem ?id\b/],
  ['iphone', /\b(iphone|ipad|ios)\b/],
  ['android', /\b(android|samsung)\b/],
  ['skoleintra', /\bskole ?intra\b/],
  ['boerneintra', /\bboerne ?intra\b/],
  ['foraeldreintra', /\bforaeldre ?intra\b/],
  ['outlook', /\boutlook\b/],
  ['google', /\bgoogle\b/],
];

/**
 * Other products people ask the Aula bot about ("team i Teams", "Excel", "MinUddannelse"): an entry
 * that never mentions the product does not answer a question about it.
 */
const PRODUCTS: readonly [string, RegExp][] = [
  ['teams', /\bteams\b/],
  ['outlook', /\boutlook\b/],
  ['excel', /\bexcel\b/],
  ['word', /\b(word|docx)\b/],
  ['powerpoint', /\bpowerpoint\b/],
  ['onedrive', /\b(onedrive|sharepoint)\b/],
  ['office', /\boffice ?365\b|\bmicrosoft 365\b/],
  ['minuddannelse', /\bmin ?uddannelse\b/],
  ['meebook', /\bmeebook\b/],
  ['gmail', /\bgmail\b/],
  ['pdf', /\bpdf\b/],
  ['printer', /\bprint\w*\b/],
  ['wifi', /\b(wifi|wi fi|netvaerk|internet)\b/],
  ['loen', /\b(loen|loenseddel|silkeborg data|kmd)\b/],
  ['elevplan', /\b(elevplan|uddannelsesportal\w*|lectio|ist)\b/],
  // Other systems schools and daycare use next to Aula.
  ['easyiq', /\beasy ?iq\b/],
  ['skoleporten', /\bskoleporten\b/],
  ['eboks', /\be ?boks\b|\bdigital post\b/],
  ['borgerdk', /\bborger dk\b|\bnemlog ?in\b/],
  ['momo', /\bmomo\b/],
  ['itslearning', /\b(itslearning|moodle|classroom|chromebook\w*)\b/],
  ['zoom', /\bzoom\b/],
  ['sociale', /\b(facebook|messenger|snapchat|instagram|tiktok)\b/],
  ['tabulex', /\btabulex\b/],
  ['pladsanvisning', /\bpladsanvisning\w*\b/],
  // Staff matters that are not about Aula (HR, pay, rota).
  ['hr', /\b(barsel\w*|pension\w*|opsig\w*|vagtplan\w*|overarbejde|timeregistrering|sygedagpenge|personaleforhold|ansaettelseskontrakt\w*|loenforhandling\w*|feriepenge|omsorgsdag\w*|orlov|arbejdstelefon\w*)\b/],
  // Generic IT: the computer, its accounts and peripherals, other school systems.
  ['windows', /\b(windows|mac|macbook|chromebook)\b/],
  ['microsoft', /\b(microsoft (konto|konti|account|forms|authenticator)|authenticator|forms)\b/],
  ['eduroam', /\beduroam\b/],
  ['easya', /\beasy ?a\b/],
  ['skoleportal', /\bskoleportal\w*\b/],
  ['untis', /\b(untis|skemaprogram\w*)\b/],
  ['hardware', /\b(tastatur\w*|projektor\w*|smartboard\w*|headset\w*|kopimaskine\w*|hoejtaler\w*)\b/],
  // Not IT at all.
  ['vejr', /\b(vejr|vejret|vejrudsigt\w*)\b/],
  // A task for the bot itself ("kan du oversætte denne tekst"), which no entry describes.
  ['opgave', /\b(kan|vil|gider) du (lige )?(oversaette|skrive|formulere|rette|omskrive|lave) (denne|den her|det her|teksten|min|en)\b|\boversaet (denne|den her|det her|teksten)\b/],
];

/** Other products a text mentions (folded keys). */
export function productsNamed(text: string): string[] {
  const t = cueText(text);
  return PRODUCTS.filter(([, re]) => re.test(t)).map(([name]) => name);
}

/** The systems and devices a text names (folded keys such as `mitid`, `unilogin`). */
export function namedThings(text: string): string[] {
  const t = cueText(text);
  return NAMES.filter(([, re]) => re.test(t)).map(([name]) => name);
}

/** True when the question names a system or device and the entry's title names only others. */
export function nameMismatch(queryNames: readonly string[], entryNames: readonly string[]): boolean {
  return queryNames.length > 0 && entryNames.length > 0 && !entryNames.some((n) => queryNames.includes(n));
}

const ASKS_TO_SEE = /\b(kan|hvordan|hvor|hvorfor) (jeg|vi|man|du|de|andre|alle|foraeldrene|foraldrene|personalet|laereren|paedagogerne) (ikke )?(se|ser)\b|^(kan|hvordan|hvor) (se|ser)\b|^(ser|se) (jeg|vi|man|de|andre|alle)\b/;
const ABOUT_SEEING = /\b(se|ser|seet|vises|vist|synlig\w*|overblik\w*|oversigt\w*|finde|finder|laese|laeser|kigge|tjekke|skjul\w*)\b/;

/** The question asks whether or how someone can see something ("kan jeg se, hvem der har læst …"). */
export function asksToSee(query: string): boolean {
  return ASKS_TO_SEE.test(cueText(query));
}

/** An entry's own phrasings are about seeing, finding or showing something. */
export function aboutSeeing(phrasings: readonly string[]): boolean {
  return phrasings.some((p) => ABOUT_SEEING.test(fold(p).replace(/[^a-z0-9 ]+/g, ' ')));
}

const PERSON = '(medarbejder|kollega|foraelder|forælder|foralder|elev|vikar|bruger|paedagog|laerer|leder|superbruger|mor|far)';
/** Another person as the subject: "en forælder", "min kollega", "vikaren". */
const OTHER_PERSON = new RegExp(`\\b((en|et|min|mit|vores|din|anden|ny) ${PERSON}|(medarbejderen|kollegaen|kollegaer|kolleger|foraelderen|eleven|vikaren|brugeren|paedagogen|laereren))\\b`);
const OTHER_SUBJECT = new RegExp(`(^(hej )?|\\b(naar|hvis|hjaelper (jeg|man|vi)|hjaelpe|har (jeg|vi) (en|et)) )${OTHER_PERSON.source}`);
const ON_BEHALF = new RegExp(`\\bpaa vegne af ${OTHER_PERSON.source}`);
const FIRST_SINGULAR = /\b(jeg|min|mit|mine|mig)\b/;

/**
 * Whom a question is about: the asker ("jeg er pædagog og kan ikke logge ind") or another person
 * ("min kollega har glemt sin kode", "en forælder kan ikke logge ind"); undefined when it does not say.
 */
export function questionSubject(query: string): 'self' | 'other' | undefined {
  const q = cueText(query);
  // Only as the subject: at the start, or after "når", "hvis", "hjælper jeg" ("en anden forælder skriver til mig" is about me).
  if (OTHER_SUBJECT.test(q)) return 'other';
  // Another person as the object ("melde en fejl for en kollega") may well be what a helper entry is about.
  if (OTHER_PERSON.test(q)) return undefined;
  return FIRST_SINGULAR.test(q) && !CHILD.test(q) ? 'self' : undefined;
}

/**
 * Whom an entry's title is about: the reader's own matter ("Jeg har glemt min kode") or helping
 * another person ("En medarbejder kan ikke logge på – hvad tjekker jeg som superbruger?"). A title
 * about a person in general ("Hvordan får en vikar adgang?") fits both.
 */
export function entrySubject(title: string): 'own' | 'helper' | undefined {
  const t = fold(title).replace(/[^a-z0-9 ]+/g, ' ');
  const first = /\b(jeg|vi|min|mit|mine)\b/.test(t);
  if (!first) return undefined;
  // Helping only when the other person is the subject ("En medarbejder kan ikke logge på", "når en elev …",
  // "hjælper jeg en forælder", "på vegne af en kollega"); as an object ("svarer jeg kun én forælder",
  // "skriver til en kollega") the title is the reader's own task, and whom it concerns is left open.
  if (OTHER_SUBJECT.test(t) || ON_BEHALF.test(t)) return 'helper';
  if (OTHER_PERSON.test(t)) return undefined;
  return CHILD.test(t) ? undefined : 'own';
}

/**
 * Words that place a text in the past: "var Aula nede", "hvordan gik den første uge", "i 2019".
 * Folded text; "kunne" is left out because it is also a polite present ("kunne du hjælpe").
 */
const PAST = /\b(var|vaeret|blev|gik|havde|dengang|startede|ventede|kostede|moedte|stoedte|virkede|kunne ikke|i starten|ved go live|(i|fra) 20(1\d|20))\b/;

/** The text speaks of what happened, not of what holds now. */
export function aboutThePast(text: string): boolean {
  return PAST.test(cueText(text));
}
