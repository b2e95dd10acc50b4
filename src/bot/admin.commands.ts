import type { Core } from '../core.js';
import { actorKey } from '../directory/directory.types.js';
import type { Bot } from './bot.js';
import { reply, text, type Reply } from './bot.types.js';
import { escapeMarkdown } from '../text/markup.js';
import { clean } from '../privacy/clean.js';

/** Longest support contact text an administrator may set. */
const MAX_CONTACT_CHARS = 500;

const USAGE = 'Brug: `admin pladser` · `admin tildel <e-mail>` · `admin fjern <e-mail>` · `admin superbruger <e-mail> <fulde navn>` · `admin kanal` (skrevet i den kanal, der skal godkende) · `admin kontakt <tekst>` (kommunens Aula-support, vises når botten ikke kan svare)';
const say = (markdown: string): Reply[] => [reply(text(markdown))];

/** Seats in use against the quota, with the holders (Markdown); shared by every chat's admin command. */
export function seatOverview(directory: Core['directory'], code: string): string {
  const o = directory.seats(code)[0]!;
  const holders = o.seats.map((s) => `- ${escapeMarkdown(s.person.name)} (${escapeMarkdown(s.person.email)})`).join('\n') || '- ingen endnu';
  return `**${o.municipality.name}**: ${o.seats.length} af ${o.quota} pladser som supportberettiget er i brug.${o.overQuota ? ' **Over kvoten: ingen rapporter kan sendes videre.**' : ''}\n\n${holders}`;
}

/**
 * `admin …` for a municipality's Aula administrators, in any chat (Teams, terminal): seats against
 * the quota, assigning and revoking seats, adding superusers and choosing the approval channel.
 */
export function registerAdminCommand(bot: Bot, core: Pick<Core, 'directory' | 'platform' | 'audit' | 'supportContacts'>): void {
  bot.commands.register({
    id: 'admin',
    aliases: ['admin'],
    usage: 'admin …',
    takesArgs: true,
    description: 'supportberettigede, superbrugere og godkendelseskanal (administratorer)',
    run: ({ actor, conversation, args }) => {
      const person = core.directory.resolve(actor.identity, actor.email);
      if (!person || person.role !== 'admin') return say('Kun kommunens Aula-administratorer kan bruge `admin`.');
      const m = core.directory.municipality(person.municipalityCode)!;
      const by = { kind: 'person' as const, person, identity: actor.identity };
      const [sub = '', first = '', ...rest] = args.trim().split(/\s+/);
      if (sub.toLowerCase() === 'kontakt') return supportContact(core, m, actorKey(by), args.trim().slice(sub.length));
      switch (sub.toLowerCase()) {
        case 'pladser':
          return say(seatOverview(core.directory, m.code));
        case 'tildel':
        case 'fjern': {
          if (!first) return say(`Skriv personens e-mail, fx \`admin ${sub} navn@kommune.dk\`.`);
          const r = sub === 'tildel' ? core.directory.assignSeat(by, m.code, first) : core.directory.revokeSeat(by, m.code, first);
          if (!r.ok) return say(r.message);
          return say(sub === 'tildel' ? `${escapeMarkdown(first)} er nu supportberettiget i ${m.name}.` : `${escapeMarkdown(first)} er ikke længere supportberettiget i ${m.name}.`);
        }
        case 'superbruger': {
          if (!first || !rest.length) return say('Skriv e-mail og fulde navn, fx `admin superbruger anna@kommune.dk Anna Andersen`.');
          const r = core.directory.addPerson(by, { email: first, name: rest.join(' '), municipality: m.code, role: 'superuser' });
          return say(r.ok ? `${escapeMarkdown(r.value.name)} er registreret som superbruger i ${m.name}.` : r.message);
        }
        case 'kanal': {
          if (conversation.channel !== 'teams' && conversation.channel !== 'slack') return say('Godkendelseskanalen vælges ved at skrive `admin kanal` i kanalen i Teams (eller `/aula-admin kanal #kanal` i Slack).');
          core.platform.setApprovalChannel(m.code, conversation.channel, conversation.id);
          core.audit.record({ actor: actorKey(by), action: 'approval_channel.set', subject: `municipality:${m.code}`, after: { platform: conversation.channel, channel: conversation.id } });
          return say(`Nye fejlrapporter fra ${m.name} sendes nu til godkendelse i denne kanal.`);
        }
        default:
          return say(USAGE);
      }
    },
  });
}

/** `admin kontakt [<tekst> | fjern]`: show, set or remove the municipality's own Aula support text. */
function supportContact(core: Pick<Core, 'supportContacts' | 'audit'>, m: { code: string; name: string }, actor: string, raw: string): Reply[] {
  const value = clean(raw).replace(/\s+/g, ' ').trim();
  const current = core.supportContacts.get(m.code);
  if (!value) {
    return say(
      current
        ? `Når jeg ikke kan svare, henviser jeg folk fra ${m.name} til: ${escapeMarkdown(current)}\n\nSkift den med \`admin kontakt <tekst>\`, eller fjern den med \`admin kontakt fjern\`.`
        : `Der er ikke sat nogen Aula-support for ${m.name}. Skriv fx \`admin kontakt Ring til IT-support på 12 34 56 78 (hverdage 8-15) eller skriv til aula@kommune.dk\`.`,
    );
  }
  if (/^(fjern|slet)$/i.test(value)) {
    core.supportContacts.set(m.code, null, actor);
    core.audit.record({ actor, action: 'support_contact.removed', subject: `municipality:${m.code}` });
    return say(`Kontaktoplysningerne for ${m.name} er fjernet. Jeg bruger nu den generelle tekst, når jeg ikke kan svare.`);
  }
  if ([...value].length > MAX_CONTACT_CHARS) return say(`Teksten er for lang (højst ${MAX_CONTACT_CHARS} tegn).`);
  core.supportContacts.set(m.code, value, actor);
  core.audit.record({ actor, action: 'support_contact.set', subject: `municipality:${m.code}` });
  return say(`Gemt. Når jeg ikke kan svare nogen fra ${m.name}, henviser jeg til: ${escapeMarkdown(value)}`);
}
