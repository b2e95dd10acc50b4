import type { Core } from '../core.js';
import { actorKey } from '../directory/directory.types.js';
import type { Bot } from './bot.js';
import { reply, text, type Reply } from './bot.types.js';
import { escapeMarkdown } from '../text/markup.js';

const USAGE = 'Brug: `admin pladser` · `admin tildel <e-mail>` · `admin fjern <e-mail>` · `admin superbruger <e-mail> <fulde navn>` · `admin kanal` (skrevet i den kanal, der skal godkende)';
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
export function registerAdminCommand(bot: Bot, core: Pick<Core, 'directory' | 'platform' | 'audit'>): void {
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
