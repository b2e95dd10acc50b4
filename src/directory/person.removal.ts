import type { SqliteAudit } from '../store/sqlite/audit.sqlite-repository.js';
import type { SqliteDirectory } from '../store/sqlite/directory.sqlite-repository.js';
import { authorize } from '../auth/permissions.js';
import { danishList } from '../faq/danish-format.js';
import { ok, refuse, type Result } from '../workflow/result.js';
import { actorKey, type Actor, type Person } from './directory.types.js';

export interface Removal {
  person: Person;
  /** Municipality codes whose seat was revoked. */
  seatsRevoked: string[];
  identities: string[];
}

/**
 * Remove a person (`aula-support people remove`): refused while they have open reports (someone
 * must still be told about them); otherwise every seat is revoked and every identity unlinked, in
 * one transaction, each change audited. The row stays, marked removed, so old reports still name
 * the reporter; adding the e-mail again registers the person anew. Who may: the permission table
 * (`person.remove`, operator only).
 */
export function removePerson(repo: SqliteDirectory, audit: SqliteAudit, by: Actor, email: string, openReports: (personId: number) => string[]): Result<Removal> {
  const subject = `person:${email}`;
  const found = repo.personByEmail(email);
  const gate = authorize({ actor: by }, 'person.remove', found ? { municipalityCode: found.municipalityCode, ownerId: found.id } : {});
  if (!gate.ok) {
    audit.record({ actor: actorKey(by), action: 'person.remove', subject, outcome: 'refused' });
    return gate;
  }
  const person = found;
  if (!person) return refuse('not_found', `Ingen person med e-mail ${email} er registreret.`);
  const open = openReports(person.id);
  if (open.length) {
    audit.record({ actor: actorKey(by), action: 'person.remove', subject: `person:${person.id}`, before: person, outcome: 'refused' });
    return refuse('open_reports', `${person.name} har ${open.length === 1 ? 'en åben rapport' : `${open.length} åbne rapporter`}: ${danishList(open)}. Afgør eller luk ${open.length === 1 ? 'den' : 'dem'} først; personen er ikke fjernet.`);
  }
  const removal = repo.db
    .transaction((): Removal => {
      const seatsRevoked = repo.activeSeats().filter((s) => s.person.id === person.id).map((s) => s.municipalityCode);
      for (const code of seatsRevoked) {
        repo.revokeSeat(code, person.id, actorKey(by));
        audit.record({ actor: actorKey(by), action: 'seat.revoke', subject: `seats:${code}`, before: { person: person.id, email: person.email } });
      }
      const identities = repo.markRemoved(person.id);
      audit.record({ actor: actorKey(by), action: 'person.remove', subject: `person:${person.id}`, before: { ...person, identities, seats: seatsRevoked } });
      return { person, seatsRevoked, identities };
    })
    .immediate();
  return ok(removal);
}
