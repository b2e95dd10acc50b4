import { readFileSync } from 'node:fs';
import type { Core } from '../../src/core.js';
import { CliError, type CliIo } from './cli.output.js';

const OPERATOR = { kind: 'operator' } as const;

function need(value: string | undefined, flag: string, usage: string): string {
  if (!value?.trim()) throw new CliError(`Mangler ${flag}. Brug: ${usage}`, 2);
  return value.trim();
}

export function peopleCommand(core: Core, sub: string | undefined, rest: string[], v: Record<string, string | boolean | undefined>, io: CliIo): number {
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
      io.out(`${r.value.name} <${r.value.email}> er registreret som ${r.value.role} i ${core.directory.municipality(r.value.municipalityCode)?.name}.`);
      return 0;
    }
    case 'import': {
      const file = need(rest[0], '<fil.csv>', 'aula-support people import <fil.csv>');
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        throw new CliError(`Filen ${file} kan ikke læses.`);
      }
      const r = core.directory.importCsv(OPERATOR, text);
      for (const e of r.errors) io.err(e);
      io.out(`${r.imported} personer importeret${r.errors.length ? `, ${r.errors.length} linjer med fejl` : ''}.`);
      return r.errors.length ? 1 : 0;
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
      throw new CliError('Brug: aula-support people add|import|link|unlink|move …', 2);
  }
}

export function seatsCommand(core: Core, sub: string | undefined, v: Record<string, string | boolean | undefined>, io: CliIo): number {
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
  if (sub !== 'list') throw new CliError('Brug: aula-support seats assign|revoke|list …', 2);
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
