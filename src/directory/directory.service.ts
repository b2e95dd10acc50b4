import { findMunicipality, type Municipality } from '../knowledge/municipalities.js';
import type { SqliteAudit } from '../store/sqlite/audit.sqlite-repository.js';
import type { SqliteDirectory } from '../store/sqlite/directory.sqlite-repository.js';
import { cleanText } from '../privacy/clean.js';
import { danishList } from '../faq/danish-format.js';
import { ok, refuse, type Result } from '../workflow/result.js';
import { authorize, type Subject } from '../auth/permissions.js';
import { parsePeopleCsv } from './people.csv.js';
import { actorKey, ROLES, ROLE_LABELS, type Actor, type Person, type Role, type Seat } from './directory.types.js';

/** Thrown to roll back a dry-run import. */
const DRY_RUN = Symbol('dry run');

const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;

export interface SeatOverview {
  municipality: Municipality;
  quota: number;
  seats: Seat[];
  overQuota: boolean;
}

/** Municipalities, people, identities and seats, with the rules about who may change what. */
export class DirectoryService {
  constructor(
    private readonly repo: SqliteDirectory,
    private readonly audit: SqliteAudit,
    private readonly municipalities: () => readonly Municipality[],
  ) {}

  municipality(codeOrName: string): Municipality | undefined {
    return findMunicipality(this.municipalities(), codeOrName);
  }

  personByEmail(email: string): Person | undefined {
    return this.repo.personByEmail(email);
  }

  personById(id: number): Person | undefined {
    return this.repo.personById(id);
  }

  identitiesOf(personId: number): string[] {
    return this.repo.identitiesOf(personId);
  }

  /** The person behind a platform identity, linking it by e-mail on first contact (then cached). */
  resolve(identity: string, email?: string): Person | undefined {
    const linked = this.repo.personByIdentity(identity);
    if (linked) return linked;
    const mail = email ?? (identity.startsWith('local:') ? identity.slice('local:'.length) : undefined);
    const person = mail ? this.repo.personByEmail(mail) : undefined;
    if (person) this.repo.link(identity, person.id, 'email');
    return person;
  }

  /** Who `by` is towards the permission table. */
  private subject(by: Actor | undefined): Subject {
    return { actor: by, isSeatHolder: (id, code) => this.repo.hasActiveSeat(id, code) };
  }

  /** Refuse and audit in one step, so no refusal is forgotten in the trail. */
  private refused<T>(by: Actor, action: string, subject: string, r: Result<T>, detail?: Record<string, unknown>): Result<T> {
    if (!r.ok) this.audit.record({ actor: actorKey(by), action, subject, outcome: 'refused', after: { reason: r.code, ...detail } });
    return r;
  }

  /**
   * Register a new person or update one of the same municipality. Never moves anyone between
   * municipalities (that is {@link movePerson}, for the operator) and never demotes an administrator.
   * People in chat (administrators) may only register superusers of their own municipality.
   */
  addPerson(by: Actor, input: { email: string; name: string; municipality: string; role: string }): Result<Person> {
    const email = input.email.trim();
    const cleaned = cleanText(input.name);
    const name = cleaned.text.trim();
    if (!EMAIL.test(email)) return refuse('invalid', `"${email}" er ikke en gyldig e-mailadresse.`);
    if (!name) return refuse('invalid', 'Skriv personens fulde navn.');
    // Checked after cleaning, so full-width and Arabic-Indic digits count as digits too.
    if (cleaned.masked > 0) return refuse('invalid', 'Navnet indeholder et CPR-nummer. Skriv kun personens fulde navn.');
    if (/\d/.test(name)) return refuse('invalid', 'Et navn må ikke indeholde tal. Skriv kun personens fulde navn.');
    const m = this.municipality(input.municipality);
    if (!m) return refuse('invalid', `Kommunen "${input.municipality}" findes ikke. Brug kommunekoden (fx 461) eller navnet (fx Odense).`);
    if (!(ROLES as readonly string[]).includes(input.role)) return refuse('invalid', `Rollen "${input.role}" findes ikke. Brug en af: ${ROLES.join(', ')}.`);
    const role = input.role as Role;
    const existing = this.repo.personByEmail(email);
    const subject = `person:${existing?.id ?? email}`;
    const action = by.kind === 'person' && role === 'superuser' ? 'superuser.add' : 'person.add';
    const gate = authorize(this.subject(by), action, { municipalityCode: m.code, ...(existing ? { alsoMunicipalityCode: existing.municipalityCode } : {}) });
    if (!gate.ok) return this.refused(by, action, subject, gate);
    if (existing && existing.municipalityCode !== m.code) {
      const from = this.municipality(existing.municipalityCode)?.name ?? existing.municipalityCode;
      return this.refused(by, action, subject, refuse('other_municipality', `${existing.email} er registreret i ${from}. En person flyttes til en anden kommune med "aula-support people move --email ${existing.email} --municipality ${m.code}" (driften).`));
    }
    if (existing && by.kind === 'person' && existing.role === 'admin' && role !== 'admin') {
      return this.refused(by, action, subject, refuse('exists', `${existing.name} er allerede registreret som ${ROLE_LABELS.admin} i ${m.name} og beholder den rolle.`));
    }
    const { person, created, before } = this.repo.db.transaction(() => this.repo.upsertPerson({ email, name, municipalityCode: m.code, role })).immediate();
    this.audit.record({ actor: actorKey(by), action: created ? 'person.add' : 'person.update', subject: `person:${person.id}`, before, after: person });
    return ok(person);
  }

  /** Operator only: move a person to another municipality; seats held elsewhere are revoked. */
  movePerson(by: Actor, email: string, municipality: string): Result<{ person: Person; revoked: string[] }> {
    const m = this.municipality(municipality);
    if (!m) return refuse('invalid', `Kommunen "${municipality}" findes ikke. Brug kommunekoden (fx 461) eller navnet (fx Odense).`);
    const person = this.repo.personByEmail(email.trim());
    if (!person) return refuse('not_found', `Ingen person med e-mail ${email} er registreret.`);
    const subject = `person:${person.id}`;
    const gate = authorize(this.subject(by), 'person.move', { municipalityCode: m.code, alsoMunicipalityCode: person.municipalityCode });
    if (!gate.ok) return this.refused(by, 'person.move', subject, gate);
    if (person.municipalityCode === m.code) return refuse('exists', `${person.name} er allerede registreret i ${m.name}.`);
    const result = this.repo.db
      .transaction(() => {
        const revoked = this.repo
          .activeSeats()
          .filter((s) => s.person.id === person.id && s.municipalityCode !== m.code)
          .map((s) => (this.repo.revokeSeat(s.municipalityCode, person.id, actorKey(by)), s.municipalityCode));
        const moved = this.repo.upsertPerson({ email: person.email, name: person.name, municipalityCode: m.code, role: person.role }).person;
        return { person: moved, revoked };
      })
      .immediate();
    this.audit.record({ actor: actorKey(by), action: 'person.move', subject, before: { municipality: person.municipalityCode }, after: { municipality: m.code, revokedSeats: result.revoked } });
    return ok(result);
  }

  /**
   * Import people from CSV (email, navn, kommunekode, rolle; `,` or `;`, quoted cells, blank rows
   * skipped). Every bad line is reported, the rest imported; `dryRun` checks every line the same
   * way and then rolls everything back.
   */
  importCsv(by: Actor, text: string, opts: { dryRun?: boolean } = {}): { imported: number; errors: string[] } {
    const parsed = parsePeopleCsv(text);
    if (parsed.fatal) return { imported: 0, errors: [parsed.fatal] };
    let imported = 0;
    const errors: string[] = [];
    const run = () => {
      for (const row of parsed.rows) {
        const r = this.addPerson(by, { email: row.email, name: row.name, municipality: row.municipality, role: row.role });
        if (r.ok) imported++;
        else errors.push(`linje ${row.line}: ${r.message}`);
      }
    };
    if (!opts.dryRun) run();
    else {
      try {
        this.repo.db.transaction(() => {
          run();
          throw DRY_RUN;
        })();
      } catch (err) {
        if (err !== DRY_RUN) throw err;
      }
    }
    return { imported, errors };
  }

  /** Operator only: connect a platform identity to a person. Never moves an identity that is already linked. */
  link(by: Actor, identity: string, email: string): Result<Person> {
    if (!/^(slack:[A-Z0-9]+:[A-Z0-9]+|teams:[0-9a-f-]+:[0-9a-f-]+|local:[^\s@]+@[^\s@]+)$/i.test(identity)) {
      return refuse('invalid', `Identiteten "${identity}" har ikke formen slack:<team>:<bruger>, teams:<tenant>:<aadObjectId> eller local:<email>.`);
    }
    const gate = authorize(this.subject(by), 'identity.link', { municipalityCode: undefined });
    if (!gate.ok) return this.refused(by, 'identity.link', `identity:${identity}`, gate);
    const person = this.repo.personByEmail(email);
    if (!person) return refuse('not_found', `Ingen person med e-mail ${email} er registreret. Tilføj personen først med "aula-support people add".`);
    const current = this.repo.personByIdentity(identity);
    if (current && current.id !== person.id) {
      return this.refused(by, 'identity.link', `person:${person.id}`, refuse('exists', `${identity} er allerede koblet til ${current.name} <${current.email}>. Fjern den kobling først med "aula-support people unlink --identity ${identity}".`), { identity });
    }
    if (!current) this.repo.link(identity, person.id, 'manual');
    this.audit.record({ actor: actorKey(by), action: 'identity.link', subject: `person:${person.id}`, after: { identity } });
    return ok(person);
  }

  /** Operator only: remove the link between a platform identity and its person. */
  unlink(by: Actor, identity: string): Result<Person> {
    const gate = authorize(this.subject(by), 'identity.link', {});
    if (!gate.ok) return this.refused(by, 'identity.unlink', `identity:${identity}`, gate);
    const person = this.repo.personByIdentity(identity);
    if (!person) return refuse('not_found', `${identity} er ikke koblet til nogen.`);
    this.repo.unlink(identity);
    this.audit.record({ actor: actorKey(by), action: 'identity.unlink', subject: `person:${person.id}`, before: { identity } });
    return ok(person);
  }

  /** Administrators to ask about registration, for the Danish "whom to ask" messages. */
  admins(code: string): Person[] {
    return this.repo.peopleIn(code, 'admin');
  }

  whomToAsk(code: string | undefined): string {
    const admins = code ? this.admins(code) : [];
    if (admins.length) return `Kontakt kommunens Aula-administrator: ${danishList(admins.map((a) => `${a.name} (${a.email})`))}.`;
    return 'Kontakt din kommunes Aula-administrator eller projektleder.';
  }

  seats(code?: string): SeatOverview[] {
    const list = code ? [this.municipality(code)].filter((m): m is Municipality => m !== undefined) : [...this.municipalities()];
    const all = this.repo.activeSeats();
    return list.map((m) => {
      const seats = all.filter((s) => s.municipalityCode === m.code);
      return { municipality: m, quota: m.seats, seats, overQuota: seats.length > m.seats };
    });
  }

  isSeatHolder(personId: number, code: string): boolean {
    return this.repo.hasActiveSeat(personId, code);
  }

  seatHolders(code: string): Person[] {
    return this.repo.activeSeats(code).map((s) => s.person);
  }

  assignSeat(by: Actor, municipality: string, email: string): Result<Seat> {
    const m = this.municipality(municipality);
    if (!m) return refuse('invalid', `Kommunen "${municipality}" findes ikke. Brug kommunekoden (fx 492) eller navnet (fx Ærø).`);
    const subject = `seats:${m.code}`;
    const gate = this.mayChangeSeats(by, m, 'seat.assign');
    if (!gate.ok) return this.refused(by, 'seat.assign', subject, gate, { email });
    const person = this.repo.personByEmail(email);
    if (!person) return refuse('not_found', `Ingen person med e-mail ${email} er registreret. Tilføj personen først.`);
    if (person.municipalityCode !== m.code) {
      // A seat is always in the holder's own municipality; say so without revealing more than the name of the other one.
      // Only the operator learns where the person is registered; an admin is told no more than "not here".
      const home = this.municipality(person.municipalityCode)?.name ?? person.municipalityCode;
      const where = by.kind === 'operator' ? `registreret i ${home}, ikke i ${m.name}` : `ikke registreret i ${m.name}`;
      return this.refused(by, 'seat.assign', subject, refuse('other_municipality', `${email} er ${where}. En plads som supportberettiget hører altid til personens egen kommune.`), { email });
    }
    const result = this.repo.db
      .transaction((): Result<Seat> => {
        if (this.repo.hasActiveSeat(person.id, m.code)) return refuse('exists', `${person.name} har allerede en plads som supportberettiget i ${m.name}.`);
        const holders = this.repo.activeSeats(m.code);
        if (holders.length >= m.seats) {
          return refuse(
            'quota',
            `${m.name} har ${m.seats} pladser som supportberettiget, og alle er i brug: ${danishList(holders.map((h) => `${h.person.name} (${h.person.email})`))}. Fjern en plads, før du tildeler en ny.`,
          );
        }
        this.repo.insertSeat(m.code, person.id, actorKey(by));
        return ok(this.repo.activeSeats(m.code).find((s) => s.person.id === person.id)!);
      })
      .immediate();
    this.audit.record({ actor: actorKey(by), action: 'seat.assign', subject, after: { person: person.id, email: person.email }, outcome: result.ok ? 'ok' : 'refused' });
    return result;
  }

  revokeSeat(by: Actor, municipality: string, email: string): Result<Person> {
    const m = this.municipality(municipality);
    if (!m) return refuse('invalid', `Kommunen "${municipality}" findes ikke.`);
    const subject = `seats:${m.code}`;
    const gate = this.mayChangeSeats(by, m, 'seat.revoke');
    if (!gate.ok) return this.refused(by, 'seat.revoke', subject, gate, { email });
    const person = this.repo.personByEmail(email);
    if (!person || !this.repo.revokeSeat(m.code, person.id, actorKey(by))) return refuse('not_found', `${email} har ingen aktiv plads som supportberettiget i ${m.name}.`);
    this.audit.record({ actor: actorKey(by), action: 'seat.revoke', subject, before: { person: person.id, email: person.email } });
    return ok(person);
  }

  private mayChangeSeats(by: Actor, m: Municipality, action: 'seat.assign' | 'seat.revoke'): Result<true> {
    const gate = authorize(this.subject(by), action, { municipalityCode: m.code });
    if (gate.ok || by.kind === 'operator') return gate;
    return refuse('forbidden', `Kun ${m.name}s Aula-administratorer kan ændre kommunens supportberettigede. Du er registreret som ${ROLE_LABELS[by.person.role]} i ${this.municipality(by.person.municipalityCode)?.name ?? by.person.municipalityCode}.`);
  }
}
