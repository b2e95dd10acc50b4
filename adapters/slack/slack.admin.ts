import type { Core } from '../../src/core.js';
import { actorKey } from '../../src/directory/directory.types.js';
import type { SlackIdentity } from './slack.identity.js';
import { seatOverview } from '../../src/bot/admin.commands.js';
import { mrkdwn } from './slack.render.js';

const USAGE =
  'Brug: `/aula-admin pladser` · `/aula-admin tildel @bruger` · `/aula-admin fjern @bruger` · `/aula-admin kanal #kanal` · `/aula-admin superbruger @bruger`';

/**
 * `/aula-admin` for a municipality's Aula administrators: seats against the quota, assigning and
 * revoking seats, the approval channel, and adding superusers. Every rule lives in the core.
 */
export async function slackAdmin(core: Core, identity: SlackIdentity, client: import('./slack.identity.js').WebClient, teamId: string, userId: string, text: string): Promise<string> {
  const actor = await identity.actor(teamId, userId);
  const person = core.directory.resolve(actor.identity, actor.email);
  if (!person || person.role !== 'admin') return 'Kun kommunens Aula-administratorer kan bruge `/aula-admin`.';
  const m = core.directory.municipality(person.municipalityCode)!;
  const by = { kind: 'person' as const, person, identity: actor.identity };
  const [sub = '', arg = ''] = text.trim().split(/\s+/);
  // Slack escapes mentions as <@U123|navn> and channels as <#C123|navn> (should_escape: true).
  const mentioned = /<@([A-Z0-9]+)(?:\|[^>]*)?>/.exec(arg)?.[1];
  const emailOf = async (uid: string): Promise<string | undefined> => {
    try {
      return (await client.users.info({ user: uid })).user?.profile?.email ?? undefined;
    } catch {
      return undefined;
    }
  };
  switch (sub) {
    case 'pladser':
      return mrkdwn(seatOverview(core.directory, m.code));
    case 'tildel':
    case 'fjern': {
      if (!mentioned) return `Nævn brugeren, fx \`/aula-admin ${sub} @navn\`.`;
      const email = await emailOf(mentioned);
      if (!email) return 'Jeg kan ikke se brugerens e-mail i Slack.';
      const r = sub === 'tildel' ? core.directory.assignSeat(by, m.code, email) : core.directory.revokeSeat(by, m.code, email);
      return r.ok ? (sub === 'tildel' ? `<@${mentioned}> er nu supportberettiget i ${m.name}.` : `<@${mentioned}> er ikke længere supportberettiget i ${m.name}.`) : r.message;
    }
    case 'kanal': {
      const channel = /<#([A-Z0-9]+)(?:\|[^>]*)?>/.exec(arg)?.[1];
      if (!channel) return 'Nævn kanalen, fx `/aula-admin kanal #aula-godkendelser`. Inviter botten til kanalen først.';
      core.platform.setApprovalChannel(m.code, 'slack', channel);
      core.audit.record({ actor: actorKey(by), action: 'approval_channel.set', subject: `municipality:${m.code}`, after: { platform: 'slack', channel } });
      return `Nye fejlrapporter fra ${m.name} sendes nu til godkendelse i <#${channel}>.`;
    }
    case 'superbruger': {
      if (!mentioned) return 'Nævn brugeren, fx `/aula-admin superbruger @navn`.';
      const info = await client.users.info({ user: mentioned }).catch(() => undefined);
      const email = info?.user?.profile?.email;
      if (!email) return 'Jeg kan ikke se brugerens e-mail i Slack.';
      const name = info?.user?.real_name || info?.user?.profile?.real_name || email;
      const r = core.directory.addPerson(by, { email, name, municipality: m.code, role: 'superuser' });
      return r.ok ? `${r.value.name} er registreret som superbruger i ${m.name}.` : r.message;
    }
    default:
      return USAGE;
  }
}
