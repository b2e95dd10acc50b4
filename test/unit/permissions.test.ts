import { describe, expect, it } from 'vitest';
import { ACTIONS, authorize, PERMISSIONS, type Action, type Scope } from '../../src/auth/permissions.js';
import type { Actor, Person, Role } from '../../src/directory/directory.types.js';

/**
 * The permission table written out by hand, as a municipality's data protection officer would read
 * it: who (U unregistered, S staff, SU superuser, A admin, H seat holder, O operator) may do what, in
 * which scope (mine = own report/person, own = own municipality, other = another municipality,
 * none = no target). Every cell is checked against `authorize`.
 */
const SPEC: Record<Action, Partial<Record<'U' | 'S' | 'SU' | 'A' | 'H' | 'O', string>>> = {
  ask: { U: 'none', S: 'none', SU: 'none', A: 'none', H: 'none' },
  file: { SU: 'none', A: 'none', H: 'none' },
  'report.view': { S: 'mine', SU: 'mine', A: 'mine own', H: 'mine own', O: 'other none' },
  'draft.view': { S: 'mine', SU: 'mine', A: 'mine', H: 'mine', O: 'other none' },
  'report.approve': { H: 'mine own' },
  'report.reject': { H: 'mine own' },
  'report.request_info': { H: 'mine own' },
  'report.withdraw': { S: 'mine', SU: 'mine', A: 'mine', H: 'mine' },
  'report.edit': { S: 'mine', SU: 'mine', A: 'mine', H: 'mine' },
  'report.same_error': { SU: 'mine own', A: 'mine own', H: 'mine own' },
  'seat.assign': { A: 'own', O: 'other' },
  'seat.revoke': { A: 'own', O: 'other' },
  'person.add': { O: 'other none' },
  'superuser.add': { A: 'own', O: 'other none' },
  'approval_channel.set': { A: 'own', O: 'other' },
  'identity.link': { O: 'other none' },
  'person.move': { O: 'other' },
  'person.remove': { O: 'other none' },
};

const HOME = '492';
const ELSEWHERE = '461';
const personWith = (role: Role, id = 7): Person => ({ id, email: 'x@aeroe.dk', name: 'X', municipalityCode: HOME, role });
const who = {
  U: undefined,
  S: { kind: 'person', person: personWith('staff'), identity: 'local:x' },
  SU: { kind: 'person', person: personWith('superuser'), identity: 'local:x' },
  A: { kind: 'person', person: personWith('admin'), identity: 'local:x' },
  H: { kind: 'person', person: personWith('staff'), identity: 'local:x' },
  O: { kind: 'operator' },
} as const satisfies Record<string, Actor | undefined>;

function targetFor(scope: Scope) {
  switch (scope) {
    case 'mine':
      return { municipalityCode: HOME, ownerId: 7 };
    case 'own':
      return { municipalityCode: HOME, ownerId: 99 };
    case 'other':
      return { municipalityCode: ELSEWHERE, ownerId: 99 };
    case 'none':
      return {};
  }
}

describe('the permission table', () => {
  it('covers every action the issue lists, and nothing is allowed by default', () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual([...ACTIONS].sort());
    expect(Object.keys(SPEC).sort()).toEqual([...ACTIONS].sort());
  });

  const cells = ACTIONS.flatMap((action) =>
    (Object.keys(who) as (keyof typeof who)[]).flatMap((w) =>
      (['mine', 'own', 'other', 'none'] as const)
        // The operator has no municipality and files nothing: "mine" and "own" do not exist for it.
        .filter((scope) => !(w === 'O' && (scope === 'mine' || scope === 'own')))
        .map((scope) => [action, w, scope] as const),
    ),
  );

  it.each(cells)('%s by %s in scope %s', (action, w, scope) => {
    const expected = (SPEC[action][w] ?? '').split(' ').includes(scope);
    const r = authorize({ actor: who[w], isSeatHolder: (id, code) => w === 'H' && id === 7 && code === HOME }, action, targetFor(scope));
    expect(r.ok).toBe(expected);
    if (!r.ok) expect(r.message).toMatch(/^[A-ZÆØÅ"]/); // a Danish sentence, not a code
  });

  it('a second municipality on the target (a person registered elsewhere) makes it "other" for an admin', () => {
    const r = authorize({ actor: who.A }, 'superuser.add', { municipalityCode: HOME, alsoMunicipalityCode: ELSEWHERE });
    expect(r.ok).toBe(false);
  });
});
