/** Fixed choices of the fault report, with the Danish labels users see. Keys are stable. */

export const AULA_AREAS = {
  login: 'Login',
  beskeder: 'Beskeder',
  kalender: 'Kalender',
  overblik: 'Overblik/opslag',
  galleri: 'Galleri',
  komme_gaa: 'Komme/gå',
  filer: 'Sikker fildeling og filer',
  grupper: 'Grupper',
  profil: 'Profil og stamkort',
  samtykker: 'Samtykker og tilladelser',
  notifikationer: 'Notifikationer',
  widgets: 'Widgets',
  administration: 'Administration',
  andet: 'Andet',
} as const;
export type AulaArea = keyof typeof AULA_AREAS;

export const PLATFORMS = {
  web: 'Web (browser)',
  app_foraeldre: 'Aula-appen for forældre og elever',
  app_personale: 'Aula-appen for personale',
} as const;
export type Platform = keyof typeof PLATFORMS;

export const PROFILE_TYPES = { medarbejder: 'Medarbejder', foraelder: 'Forælder', barn: 'Barn/elev', andet: 'Andet' } as const;
export type ProfileType = keyof typeof PROFILE_TYPES;

export const AFFECTED_SCOPES = {
  en: 'Én bruger',
  flere: 'Flere brugere',
  institution: 'En hel institution',
  kommune: 'Hele kommunen',
} as const;
export type AffectedScope = keyof typeof AFFECTED_SCOPES;

/** Severity with the one-line explanation shown next to each choice. */
export const SEVERITIES = {
  kritisk: { label: 'Kritisk', help: 'Aula kan ikke bruges, eller mange brugere er ramt af en fejl uden omvej.' },
  alvorlig: { label: 'Alvorlig', help: 'En vigtig funktion virker ikke for en gruppe brugere, og der er ingen god omvej.' },
  mindre_alvorlig: { label: 'Mindre alvorlig', help: 'En funktion virker forkert, men der er en omvej, eller få brugere er ramt.' },
  kosmetisk: { label: 'Kosmetisk', help: 'Forkert tekst, layout eller udseende; funktionen virker.' },
} as const;
export type Severity = keyof typeof SEVERITIES;

export const WORKED_BEFORE = { ja: 'Ja', nej: 'Nej', ved_ikke: 'Ved ikke' } as const;
export type WorkedBefore = keyof typeof WORKED_BEFORE;
