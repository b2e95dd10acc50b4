export const ROLES = ['staff', 'superuser', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = { staff: 'medarbejder', superuser: 'superbruger', admin: 'administrator/projektleder' };

export interface Person {
  id: number;
  email: string;
  name: string;
  municipalityCode: string;
  role: Role;
}

export interface Seat {
  id: number;
  municipalityCode: string;
  person: Person;
  assignedAt: string;
  assignedBy: string;
}

/** Who did something: a person, or the operator at the command line. */
export type Actor = { kind: 'person'; person: Person; identity: string } | { kind: 'operator' };

export function actorLabel(a: Actor): string {
  return a.kind === 'operator' ? 'operator (CLI)' : `${a.person.name} <${a.person.email}>`;
}

export function actorKey(a: Actor): string {
  return a.kind === 'operator' ? 'operator' : `person:${a.person.id}`;
}
