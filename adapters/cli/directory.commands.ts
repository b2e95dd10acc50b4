import { readFileSync } from 'node:fs';
import type { Core } from '../../src/core.js';
import { decodeCsv, people } from '../../src/directory/people.csv.js';
import { removePerson } from '../../src/directory/person.removal.js';
import { SqliteDirectory } from '../../src/store/sqlite/directory.sqlite-repository.js';
import { CliError, type CliIo } from './cli.output.js';
import { unknownSub, usageError } from './cli.usage.js';
import { roleLabel } from './cli.words.js';

const OPERATOR = { kind: 'operator' } as const;
type Values = Record<string, string | boolean | undefined>;

function need(value: string | undefined, flag: string, usage: string): string {
  if (!value?.trim()) throw new CliError(`Mangler ${flag}. Brug: ${usage}`, 2);
  return value.trim();
}

/** Reports that still need their reporter: someone must be told when they move. */
const OPEN = new Set(['submitted', 'approved', 'forwarded', 'needs_info']);

export function peopleCommand(core: Core, sub: string | undefined, rest: string[], v: Values, io: CliIo): number {
  const str = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
  switch (sub) {
    case 'add': {
      const usage = 'aula-support people add --email <e> --name <n> --municipality <kode|navn> --role <staff|superuser|admin>';
      const r = core.directory.addPerson(OPERATOR, {
        email: need(str('email'), '--email', usage),
        name: need(str('name'), '--name', usage),
        municipality: need(str('municipality'), '--municipality', usage),
        role: need(str('role'), '--role', usage),
      });
      if (!r.ok) throw new CliError(r.message);
      io.out(`${r.value.name} <${r.value.email}> er registreret som ${roleLabel(r.value.role)} i ${core.directory.municipality(r.value.municipalityCode)?.name}.`);
      return 0;
    }
    case 'import': {
      const file = need(rest[0], '<fil.csv>', 'aula-support people import <fil.csv> [--dry-run]');
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch {
        throw new CliError(`Filen ${file} kan ikke læses.`);
      }
      const { text, encoding } = decodeCsv(bytes);
      if (encoding === 'windows-1252') io.err(`Bemærk: ${file} er ikke UTF-8; den er læst som Windows-1252 (Excels "CSV (semikolonsepareret)"). Tjek bagefter, at æ, ø og å ser rigtige ud (aula-support people list).`);
      const dryRun = v['dry-run'] === true;
      const r = core.directory.importCsv(OPERATOR, text, { dryRun });
      for (const e of r.errors) io.err(e);
      const bad = r.errors.length ? `, ${r.errors.length} ${r.errors.length === 1 ? 'linje' : 'linjer'} med fejl` : '';
      io.out(dryRun ? `Prøvekørsel: ${people(r.imported)} ville blive importeret${bad}. Intet er gemt.` : `${people(r.imported)} importeret${bad}.`);
      return r.errors.length ? 1 : 0;
    }
    case 'list': {
      const m = str('municipality');
      const code = m ? core.directory.municipality(m)?.code : undefined;
      if (m && !code) throw new CliError(`Kommunen "${m}" findes ikke. Brug kommunekoden (fx 461) eller navnet (fx Odense).`);
      const list = new SqliteDirectory(core.db).listPeople(code);
      const seats = core.directory.seats();
      const seatOf = (id: number) => seats.filter((o) => o.seats.some((s) => s.person.id === id)).map((o) => o.municipality.code);
      if (v.json) {
        io.out(JSON.stringify(list.map((p) => ({ email: p.email, name: p.name, municipality: p.municipalityCode, municipalityName: core.directory.municipality(p.municipalityCode)?.name ?? null, role: p.role, seats: seatOf(p.id), identities: core.directory.identitiesOf(p.id) }))));
        return 0;
      }
      if (!list.length) io.out(m ? `Ingen personer er registreret i ${core.directory.municipality(m)?.name}.` : 'Ingen personer er registreret endnu.');
      for (const p of list) {
        const seat = seatOf(p.id).length ? ', supportberettiget' : '';
        io.out(`${p.name} <${p.email}>  ${core.directory.municipality(p.municipalityCode)?.name ?? p.municipalityCode}  ${roleLabel(p.role)}${seat}`);
      }
      if (list.length) io.out(`${people(list.length)}.`);
      return 0;
    }
    case 'remove': {
      const email = need(rest[0] ?? str('email'), '<e-mail>', 'aula-support people remove <e-mail>');
      const open = (personId: number) => core.workflow.list({}).filter((r) => r.reporterId === personId && OPEN.has(r.status) && !r.closedAt && r.number).map((r) => r.number!);
      const r = removePerson(new SqliteDirectory(core.db), core.audit, OPERATOR, email, open);
      if (!r.ok) throw new CliError(r.message);
      const seats = r.value.seatsRevoked.map((c) => core.directory.municipality(c)?.name ?? c);
      io.out(`${r.value.person.name} <${r.value.person.email}> er fjernet${seats.length ? `; pladsen som supportberettiget i ${seats.join(', ')} er taget tilbage` : ''}.`);
      return 0;
    }
    case 'link': {
      const usage = 'aula-support people link --email <e> --identity <slack:T:U|teams:tenant:aad|local:email>';
      const r = core.directory.link(OPERATOR, need(str('identity'), '--identity', usage), need(str('email'), '--email', usage));
      if (!r.ok) throw new CliError(r.message);
      io.out(`${str('identity')} er koblet til ${r.value.name} <${r.value.email}>.`);
      return 0;
    }
    case 'unlink': {
      const usage = 'aula-support people unlink --identity <slack:T:U|teams:tenant:aad|local:email>';
      const identity = need(str('identity'), '--identity', usage);
      const r = core.directory.unlink(OPERATOR, identity);
      if (!r.ok) throw new CliError(r.message);
      io.out(`${identity} er ikke længere koblet til ${r.value.name} <${r.value.email}>.`);
      return 0;
    }
    case 'move': {
      const usage = 'aula-support people move --email <e> --municipality <kode|navn>';
      const r = core.directory.movePerson(OPERATOR, need(str('email'), '--email', usage), need(str('municipality'), '--municipality', usage));
      if (!r.ok) throw new CliError(r.message);
      const to = core.directory.municipality(r.value.person.municipalityCode)?.name;
      const revoked = r.value.revoked.map((c) => core.directory.municipality(c)?.name ?? c);
      io.out(`${r.value.person.name} <${r.value.person.email}> er flyttet til ${to}.${revoked.length ? ` Pladser som supportberettiget i ${revoked.join(', ')} er fjernet.` : ''}`);
      return 0;
    }
    default:
      throw usageError('people', unknownSub(sub));
  }
}

export function seatsCommand(core: Core, sub: string | undefined, v: Values, io: CliIo): number {
  const str = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
  if (sub === 'assign' || sub === 'revoke') {
    const usage = `aula-support seats ${sub} --municipality <kode|navn> --email <e>`;
    const municipality = need(str('municipality'), '--municipality', usage);
    const email = need(str('email'), '--email', usage);
    if (sub === 'assign') {
      const r = core.directory.assignSeat(OPERATOR, municipality, email);
      if (!r.ok) throw new CliError(r.message);
      io.out(`${r.value.person.name} er nu supportberettiget i ${core.directory.municipality(r.value.municipalityCode)?.name}.`);
    } else {
      const r = core.directory.revokeSeat(OPERATOR, municipality, email);
      if (!r.ok) throw new CliError(r.message);
      io.out(`${r.value.name} er ikke længere supportberettiget i ${core.directory.municipality(municipality)?.name}.`);
    }
    return 0;
  }
  if (sub !== 'list') throw usageError('seats', unknownSub(sub));
  const code = str('municipality');
  if (code && !core.directory.municipality(code)) throw new CliError(`Kommunen "${code}" findes ikke.`);
  const overview = core.directory.seats(code).filter((o) => code || o.seats.length > 0);
  if (v.json) {
    io.out(JSON.stringify(overview.map((o) => ({ code: o.municipality.code, name: o.municipality.name, quota: o.quota, overQuota: o.overQuota, holders: o.seats.map((s) => ({ email: s.person.email, name: s.person.name, assignedAt: s.assignedAt })) }))));
    return 0;
  }
  if (!overview.length) io.out('Ingen pladser er tildelt endnu.');
  for (const o of overview) {
    io.out(`${o.municipality.name} (${o.municipality.code}): ${o.seats.length} af ${o.quota} pladser${o.overQuota ? ' – OVER KVOTEN: ingen rapporter kan sendes videre' : ''}`);
    for (const s of o.seats) io.out(`  ${s.person.name} <${s.person.email}>`);
  }
  return 0;
}
