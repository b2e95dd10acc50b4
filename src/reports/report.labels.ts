import { AFFECTED_SCOPES, AULA_AREAS, PLATFORMS, PROFILE_TYPES, SEVERITIES, WORKED_BEFORE, type Severity } from './report.fields.js';
import type { ReportFields } from './report.schema.js';

/** Field order, Danish labels and hints of the fault report, shared by forms, dialogue and renderings. */
export const REPORT_FIELD_ORDER: (keyof ReportFields)[] = [
  'title', 'area', 'whatHappened', 'expected', 'steps', 'errorText', 'occurredDate', 'occurredTime', 'workedBefore',
  'platform', 'os', 'clientVersion', 'affectedNames', 'profileType', 'institutionName', 'institutionCode',
  'affectedScope', 'otherUsers', 'groupName', 'setupChecked', 'severity', 'attachments',
];

export const REPORT_FIELD_LABELS: Record<keyof ReportFields, string> = {
  title: 'Titel',
  area: 'Område i Aula',
  whatHappened: 'Hvad skete der?',
  expected: 'Hvad forventede du?',
  steps: 'Trin til at genskabe fejlen',
  errorText: 'Fejlbesked',
  occurredDate: 'Dato for fejlen',
  occurredTime: 'Klokkeslæt for fejlen',
  workedBefore: 'Har det virket før?',
  platform: 'Platform',
  os: 'Styresystem og version',
  clientVersion: 'Browser eller app-version',
  affectedNames: 'Berørte brugere',
  profileType: 'Profiltype',
  institutionName: 'Institution',
  institutionCode: 'Institutionskode',
  affectedScope: 'Hvor mange er ramt?',
  otherUsers: 'Andre berørte brugere',
  groupName: 'Gruppens navn',
  setupChecked: 'Brugerens opsætning er tjekket i kommunens administrative systemer',
  severity: 'Alvorlighed',
  attachments: 'Skærmbilleder (links)',
};

export const REPORT_FIELD_HELP: Record<keyof ReportFields, string> = {
  title: 'Kort og konkret, højst 120 tegn',
  area: 'Den del af Aula, hvor fejlen er',
  whatHappened: 'Beskriv præcist, hvad der skete',
  expected: 'Hvad skulle der være sket?',
  steps: 'Ét trin pr. linje, så fejlen kan genskabes',
  errorText: 'Skriv fejlbeskeden ordret, hvis der kom en',
  occurredDate: 'Fx 23-11-2026, "i dag" eller "i går"',
  occurredTime: 'Fx 14:30, 9.30 eller kl. 9',
  workedBefore: 'Har funktionen virket tidligere?',
  platform: 'Web eller en af Aula-apperne',
  os: 'Fx iOS 17.4, Android 14 eller Windows 11',
  clientVersion: 'Browser og version (fx Chrome 126) eller app-version',
  affectedNames: 'Fulde navne, ikke UNI-login',
  profileType: 'Den berørte brugers profiltype',
  institutionName: 'Fx Skovbakkeskolen',
  institutionCode: 'Institutionsnummeret, fx 280123 – det står i Institutionsregistret og i Aulas administrationsmodul. Skriv "ved ikke", hvis du ikke kan finde det',
  affectedScope: 'Én bruger, flere brugere, en hel institution eller hele kommunen',
  otherUsers: 'Andre brugere, der også er ramt (valgfrit)',
  groupName: 'Påkrævet ved fejl i Grupper',
  setupChecked: 'Påkrævet, når én eller flere bestemte brugere er ramt',
  severity: 'Se forklaringen ved hvert valg',
  attachments: 'Links til anonymiserede skærmbilleder',
};

export type ChoiceField = 'area' | 'workedBefore' | 'platform' | 'profileType' | 'affectedScope' | 'severity';

/** Danish label of every choice, per choice field. */
export const REPORT_CHOICE_LABELS: { [F in ChoiceField]: Record<ReportFields[F], string> } = {
  area: AULA_AREAS,
  workedBefore: WORKED_BEFORE,
  platform: PLATFORMS,
  profileType: PROFILE_TYPES,
  affectedScope: AFFECTED_SCOPES,
  severity: Object.fromEntries(Object.entries(SEVERITIES).map(([k, v]) => [k, v.label])) as Record<Severity, string>,
};

/** The Danish label of a choice; the key itself if it is unknown (old stored data). */
export function choiceLabel(field: ChoiceField, key: string): string {
  return (REPORT_CHOICE_LABELS[field] as Record<string, string>)[key] ?? key;
}
