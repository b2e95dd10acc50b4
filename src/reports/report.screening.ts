import { fold } from '../text/normalize.js';
import type { ReportDraft } from './report.schema.js';

export interface ScreeningAdvice {
  code: 'how_to' | 'widget_vendor' | 'unilogin_stil' | 'wrong_name_source_system' | 'feature_request';
  /** Danish advice that says who to contact instead of Netcompany. */
  message: string;
  faq?: { id: string; title: string }[];
}

export type FindFaq = (text: string) => { id: string; title: string }[];

/** Enough text to recognise what a report is about; protects the patterns from huge drafts. */
const MAX_SCREEN_CHARS = 5000;

// Patterns run on folded text (æ→ae, ø→oe, å→aa, lower case), so "ønske" is written "oenske".
const WIDGET = /\b(widget\w*|skema\w*|ugeskema\w*|timetable\w*|ugeplan\w*)/;
const UNILOGIN = /\buni[\s-]?login\b/;
const NAME_WORDS = String.raw`(navn\w*|fornavn\w*|efternavn\w*|mellemnavn\w*|klasse\w*|stamklasse\w*|relation\w*|foraeldrerelation\w*)`;
const WRONG_NAME = [
  /\b(fejlstavet|stavefejl\w*|staves forkert|stavet forkert|forkert stavet)\b/,
  new RegExp(String.raw`\bforkert[e]?\s+${NAME_WORDS}`),
  new RegExp(String.raw`\b${NAME_WORDS}(\s+\S+){0,4}?\s+(forkert[e]?|fejlstavet)\b`),
  /\b(mangler (en |sin |sine )?relation\w*|relation\w* mangler)\b/,
];
const FEATURE = /\b(oenske\w*|kunne det ikke|vil gerne have|mangler en funktion|forslag\w*|nye? funktion\w*)/;
const HOW_TO = /\b(hvordan|hvor finder jeg|kan man)\b/;

const clip = (s: string | undefined): string => (s ?? '').slice(0, MAX_SCREEN_CHARS);
const joined = (...parts: (string | undefined)[]): string => fold(parts.map(clip).join('\n'));

/**
 * Advise (never block) when a report looks like something Netcompany's service desk rejects,
 * and say who to contact instead. Advice comes in a fixed order; an empty list means none.
 */
export function screenReport(fields: ReportDraft, findFaq: FindFaq): ScreeningAdvice[] {
  const all = joined(fields.title, fields.whatHappened, fields.expected, fields.steps, fields.errorText, fields.groupName);
  // Steps often say "log ind med UNI-login" for a fault elsewhere, so they do not count here.
  const problem = joined(fields.title, fields.whatHappened, fields.expected, fields.errorText);
  const titleAndWhat = joined(fields.title, fields.whatHappened);
  const looksLikeFault = Boolean(fields.errorText?.trim()) || fields.workedBefore === 'ja';
  const advice: ScreeningAdvice[] = [];

  if (!looksLikeFault && HOW_TO.test(titleAndWhat)) {
    let faq: { id: string; title: string }[] = [];
    try {
      faq = findFaq(`${clip(fields.title)} ${clip(fields.whatHappened)}`.trim()).slice(0, 3);
    } catch {
      // Screening only advises; a failing FAQ lookup must not stop the report.
    }
    advice.push({
      code: 'how_to',
      message:
        faq.length > 0
          ? 'Det lyder som et spørgsmål om, hvordan Aula bruges, og ikke som en fejl. Netcompany besvarer ikke brugsspørgsmål. Se, om et af disse svar hjælper, eller spørg kommunens egen Aula-support.'
          : 'Det lyder som et spørgsmål om, hvordan Aula bruges, og ikke som en fejl. Netcompany besvarer ikke brugsspørgsmål, så spørg kommunens egen Aula-support.',
      ...(faq.length > 0 ? { faq } : {}),
    });
  }
  if (fields.area === 'widgets' || WIDGET.test(all)) {
    advice.push({
      code: 'widget_vendor',
      message:
        'Widgets (fx skema, skemabrikken og ugeplaner) leveres af andre end Netcompany. Fejl i en widget skal sendes til widgettens leverandør. Din kommune eller skole ved, hvem leverandøren er.',
    });
  }
  if (UNILOGIN.test(problem)) {
    advice.push({
      code: 'unilogin_stil',
      message:
        'Problemer med UNI-Login (brugernavn, adgangskode eller adgang) hører under STIL (Styrelsen for IT og Læring), ikke Netcompany. Kontakt skolens UNI-Login-administrator, som kan tage det videre til STIL.',
    });
  }
  if (WRONG_NAME.some((re) => re.test(problem))) {
    advice.push({
      code: 'wrong_name_source_system',
      message:
        'Aula viser kun de navne, klasser og relationer, der kommer fra kommunens eller skolens administrative systemer (elevadministrationssystemet eller dagtilbudssystemet). Ret fejlen dér, så følger Aula med. Netcompany kan ikke rette det i Aula.',
    });
  }
  if (!looksLikeFault && FEATURE.test(all)) {
    advice.push({
      code: 'feature_request',
      message:
        'Det lyder som et ønske om ny funktionalitet og ikke som en fejl. Netcompany behandler ikke ønsker. Send ønsket til kommunens Aula-projektleder, som samler ønsker og sender dem videre til KOMBIT.',
    });
  }
  return advice;
}
