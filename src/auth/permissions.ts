import type { Actor, Person, Role } from '../directory/directory.types.js';
import { ok, refuse, type Result } from '../workflow/result.js';

/**
 * Every action a person or the operator can take that reveals or changes something. Adapters and
 * core services ask {@link authorize} before each of them; nothing else decides who may do what.
 */
export const ACTIONS = [
  'ask',
  'file',
  'report.view',
  'draft.view',
  'report.approve',
  'report.reject',
  'report.request_info',
  'report.withdraw',
  'report.edit',
  'report.same_error',
  'seat.assign',
  'seat.revoke',
  'person.add',
  'superuser.add',
  'approval_channel.set',
  'identity.link',
  'person.move',
  'person.remove',
] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * The hats an actor can wear towards a target. A person wears their role, `seat_holder` when they
 * hold an active seat in the target's municipality (and are registered there), and everybody wears
 * `anyone`. `unregistered` is someone the directory does not know.
 */
export const HATS = ['unregistered', 'anyone', 'staff', 'superuser', 'admin', 'seat_holder', 'operator'] as const;
export type Hat = (typeof HATS)[number];

/**
 * How the target relates to the actor: `mine` (the actor filed the report / is the person),
 * `own` (the actor's municipality), `other` (another municipality), `none` (no target, e.g. asking
 * a question or filing a new report).
 */
export const SCOPES = ['mine', 'own', 'other', 'none'] as const;
export type Scope = (typeof SCOPES)[number];

type Row = Partial<Record<Hat, readonly Scope[]>>;

const ALL: readonly Scope[] = SCOPES;
const REPORTERS: Row = { staff: ['mine'], superuser: ['mine'], admin: ['mine'], seat_holder: ['mine'] };
const DECIDERS: Row = { seat_holder: ['mine', 'own'] };

/**
 * The permission table: action × hat → the scopes in which it is allowed. Anything not listed is
 * refused. The operator (the command line on the server) is trusted with the directory but not with
 * decisions: only seat holders forward reports to Netcompany.
 */
export const PERMISSIONS: Record<Action, Row> = {
  ask: { unregistered: ['none'], anyone: ['none'] },
  file: { superuser: ['none'], admin: ['none'], seat_holder: ['none'] },
  'report.view': { ...REPORTERS, seat_holder: ['mine', 'own'], admin: ['mine', 'own'], operator: ALL },
  'draft.view': { ...REPORTERS, operator: ALL },
  'report.approve': DECIDERS,
  'report.reject': DECIDERS,
  'report.request_info': DECIDERS,
  'report.withdraw': REPORTERS,
  'report.edit': REPORTERS,
  'report.same_error': { superuser: ['mine', 'own'], admin: ['mine', 'own'], seat_holder: ['mine', 'own'] },
  'seat.assign': { admin: ['own'], operator: ['own', 'other'] },
  'seat.revoke': { admin: ['own'], operator: ['own', 'other'] },
  'person.add': { operator: ['own', 'other', 'none'] },
  'superuser.add': { admin: ['own'], operator: ['own', 'other', 'none'] },
  'approval_channel.set': { admin: ['own'], operator: ['own', 'other'] },
  'identity.link': { operator: ['mine', 'own', 'other', 'none'] },
  'person.move': { operator: ['own', 'other'] },
  'person.remove': { operator: ['own', 'other', 'none'] },
};

/** Why a refusal happened, in Danish, per action (the municipality name is filled in where known). */
const REASONS: Record<Action, string> = {
  ask: 'Du kan ikke stille spørgsmål her.',
  file: 'Kun superbrugere, administratorer og supportberettigede kan oprette fejlrapporter.',
  'report.view': 'Rapporten findes ikke, eller du har ikke adgang til den.',
  'draft.view': 'Kladden findes ikke, eller du har ikke adgang til den.',
  'report.approve': 'Kun kommunens supportberettigede kan godkende rapporten.',
  'report.reject': 'Kun kommunens supportberettigede kan afvise rapporten.',
  'report.request_info': 'Kun kommunens supportberettigede kan bede om flere oplysninger.',
  'report.withdraw': 'Du kan kun trække dine egne rapporter tilbage.',
  'report.edit': 'Du kan kun rette dine egne rapporter.',
  'report.same_error': 'Du kan kun melde "samme fejl" på rapporter fra din egen kommune, og kun som superbruger.',
  'seat.assign': 'Kun kommunens egne Aula-administratorer kan tildele pladser som supportberettiget.',
  'seat.revoke': 'Kun kommunens egne Aula-administratorer kan fjerne pladser som supportberettiget.',
  'person.add': 'Kun driften (kommandolinjen på serveren) kan registrere personer med en vilkårlig rolle.',
  'superuser.add': 'Du kan kun registrere superbrugere i din egen kommune, og kun personer, der ikke er registreret i en anden kommune.',
  'approval_channel.set': 'Kun kommunens Aula-administratorer kan vælge godkendelseskanalen.',
  'identity.link': 'Kun driften kan koble en Slack- eller Teams-konto til en person.',
  'person.move': 'Kun driften kan flytte en person til en anden kommune.',
  'person.remove': 'Kun driften kan fjerne personer (aula-support people remove).',
};

/** What an action is about. Leave out what does not apply (e.g. nothing for `ask` and `file`). */
export interface Target {
  /** The municipality the target belongs to (the report's, the seat's, the person's). */
  municipalityCode?: string;
  /** For reports: who filed it. For people: the person acted on. */
  ownerId?: number;
  /** A second municipality that must also be the actor's own (e.g. where a person is registered today). */
  alsoMunicipalityCode?: string;
}

/** Facts about the actor the table needs; `isSeatHolder` is asked for the target's municipality only. */
export interface Subject {
  actor: Actor | undefined;
  isSeatHolder?: (personId: number, code: string) => boolean;
}

export function hatsOf(s: Subject, target: Target): Hat[] {
  const a = s.actor;
  if (!a) return ['unregistered'];
  if (a.kind === 'operator') return ['operator'];
  const hats: Hat[] = ['anyone', a.person.role satisfies Role];
  const code = target.municipalityCode ?? a.person.municipalityCode;
  // A seat counts only in the holder's own municipality: a seat left behind elsewhere grants nothing.
  if (code === a.person.municipalityCode && s.isSeatHolder?.(a.person.id, code)) hats.push('seat_holder');
  return hats;
}

export function scopeOf(actor: Actor | undefined, target: Target): Scope {
  if (!actor || actor.kind === 'operator') return target.municipalityCode === undefined && target.ownerId === undefined ? 'none' : 'other';
  if (target.ownerId !== undefined && target.ownerId === actor.person.id) return 'mine';
  if (target.municipalityCode === undefined) return 'none';
  const own = target.municipalityCode === actor.person.municipalityCode && (target.alsoMunicipalityCode ?? actor.person.municipalityCode) === actor.person.municipalityCode;
  return own ? 'own' : 'other';
}

/** May `subject.actor` do `action` to `target`? Refusals carry a Danish reason and code `forbidden`. */
export function authorize(subject: Subject, action: Action, target: Target = {}): Result<true, 'forbidden'> {
  const row = PERMISSIONS[action];
  const scope = scopeOf(subject.actor, target);
  const allowed = hatsOf(subject, target).some((hat) => row[hat]?.includes(scope));
  return allowed ? ok(true) : refuse('forbidden', REASONS[action]);
}

/** The person behind an actor, or undefined for the operator and the unregistered. */
export const personOf = (a: Actor | undefined): Person | undefined => (a?.kind === 'person' ? a.person : undefined);
