import { findMunicipality, type Municipality } from '../knowledge/municipalities.js';
import type { SqliteAudit } from '../store/sqlite/audit.sqlite-repository.js';
import type { SqliteDirectory } from '../store/sqlite/directory.sqlite-repository.js';
import { danishList } from '../faq/danish-format.js';
import { ok, refuse, type Result } from '../workflow/result.js';
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

  addPerson(by: Actor, input: { email: string; name: string; municipality: string; role: string }): Result<Person> {
    const email = input.email.trim();
    const name = input.name.trim();
    if (!EMAIL.test(email)) return refuse('invalid', `"${email}" er ikke en gyldig e-mailadresse.`);
    if (!name) return refuse('invalid', 'Skriv personens fulde navn.');
    const m = this.municipality(input.municipality);
    if (!m) return refuse('invalid', `Kommunen "${input.municipality}" findes ikke. Brug kommunekoden (fx 461) eller navnet (fx Odense).`);
    if (!(ROLES as readonly string[]).includes(input.role)) return refuse('invalid', `Rollen "${input.role}" findes ikke. Brug en af: ${ROLES.join(', ')}.`);
    if (by.kind === 'person' && !(by.person.role === 'admin' && by.person.municipalityCode === m.code)) {
      this.audit.record({ actor: actorKey(by), action: 'person.add', subject: `person:${email}`, outcome: 'refused' });
      return refuse('forbidden', `Kun ${m.name}s administratorer kan registrere personer i kommunen.`);
    }
    const { person, created, before } = this.repo.db.transaction(() => this.repo.upsertPerson({ email, name, municipalityCode: m.code, role: input.role as Role })).immediate();
    this.audit.record({ actor: actorKey(by), action: created ? 'person.add' : 'person.update', subject: `person:${person.id}`, before, after: person });
    return ok(person);
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

  link(by: Actor, identity: string, email: string): Result<Person> {
    if (!/^(slack:[A-Z0-9]+:[A-Z0-9]+|teams:[0-9a-f-]+:[0-9a-f-]+|local:[^\s@]+@[^\s@]+)$/i.test(identity)) {
      return refuse('invalid', `Identiteten "${identity}" har ikke formen slack:<team>:<bruger>, teams:<tenant>:<aadObjectId> eller local:<email>.`);
    }
    const person = this.repo.personByEmail(email);
    if (!person) return refuse('not_found', `Ingen person med e-mail ${email} er registreret. Tilføj personen først med "aula-support people add".`);
    this.repo.link(identity, person.id, 'manual');
    this.audit.record({ actor: actorKey(by), action: 'identity.link', subject: `person:${person.id}`, after: { identity } });
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
    const denied = this.mayChangeSeats(by, m);
    if (denied) {
      this.audit.record({ actor: actorKey(by), action: 'seat.assign', subject, after: { email }, outcome: 'refused' });
      return denied;
    }
    const person = this.repo.personByEmail(email);
    if (!person) return refuse('not_found', `Ingen person med e-mail ${email} er registreret. Tilføj personen først.`);
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
    const denied = this.mayChangeSeats(by, m);
    if (denied) {
      this.audit.record({ actor: actorKey(by), action: 'seat.revoke', subject, before: { email }, outcome: 'refused' });
      return denied;
    }
    const person = this.repo.personByEmail(email);
    if (!person || !this.repo.revokeSeat(m.code, person.id, actorKey(by))) return refuse('not_found', `${email} har ingen aktiv plads som supportberettiget i ${m.name}.`);
    this.audit.record({ actor: actorKey(by), action: 'seat.revoke', subject, before: { person: person.id, email: person.email } });
    return ok(person);
  }

  private mayChangeSeats(by: Actor, m: Municipality): Result<never> | undefined {
    if (by.kind === 'operator') return undefined;
    if (by.person.role === 'admin' && by.person.municipalityCode === m.code) return undefined;
    return refuse('forbidden', `Kun ${m.name}s Aula-administratorer kan ændre kommunens supportberettigede. Du er registreret som ${ROLE_LABELS[by.person.role]}.`);
  }
}
