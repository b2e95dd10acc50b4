import type { Logger } from 'pino';
import type { WebClient } from './slack.identity.js';

export const WORKSPACE_REFUSAL = 'Aula-supportbotten er ikke sat op til dit Slack-arbejdsområde, så den kan ikke hjælpe dig her. Kontakt din kommunes it-afdeling.';

interface SlackBody {
  team_id?: string;
  enterprise_id?: string;
  team?: { id?: string } | null;
  enterprise?: { id?: string } | null;
  user?: { team_id?: string; enterprise_id?: string } | string;
  event?: { user_team?: string; team?: string };
}

/** The workspace (and Enterprise Grid org) of the person behind a Slack request; a Slack Connect guest keeps their own. */
export function workspaceOf(raw: unknown): { team?: string; enterprise?: string } {
  const b = (raw ?? {}) as SlackBody;
  const user = typeof b.user === 'object' ? b.user : undefined;
  const installTeam = b.team_id ?? b.team?.id ?? undefined;
  const team = b.event?.user_team ?? user?.team_id ?? installTeam ?? b.event?.team;
  // An event from a user of another workspace (shared channel) carries our install's enterprise id, not theirs.
  const foreign = !!b.event?.user_team && !!installTeam && b.event.user_team !== installTeam;
  const enterprise = foreign ? undefined : (b.enterprise_id ?? b.enterprise?.id ?? user?.enterprise_id ?? undefined);
  return { ...(team ? { team } : {}), ...(enterprise ? { enterprise } : {}) };
}

/**
 * Which Slack workspaces the bot serves: SLACK_ALLOWED_TEAMS (team ids T… and/or enterprise ids E…),
 * or, when that is empty, only the workspace (and Grid org) the bot token belongs to, from `auth.test`.
 * Until `auth.test` has answered, nothing is allowed (fail closed); a failed call is retried on the next request.
 */
export class SlackWorkspaces {
  private own: Promise<Set<string>> | undefined;

  constructor(private readonly configured: readonly string[], private readonly client: WebClient, private readonly logger: Logger) {}

  get fromConfig(): boolean {
    return this.configured.length > 0;
  }

  async allowed(): Promise<Set<string>> {
    if (this.configured.length) return new Set(this.configured);
    this.own ??= this.client.auth
      .test()
      .then((r) => {
        const ids = new Set([r.team_id, r.enterprise_id].filter((x): x is string => !!x));
        this.logger.info({ platform: 'slack', allowed: [...ids] }, 'SLACK_ALLOWED_TEAMS is empty: serving only the bot token\'s own workspace');
        return ids;
      })
      .catch((err: Error) => {
        this.own = undefined;
        this.logger.error({ platform: 'slack', err: { name: err.name } }, 'auth.test failed: cannot tell which workspace is ours; refusing Slack requests (set SLACK_ALLOWED_TEAMS)');
        return new Set<string>();
      });
    return this.own;
  }

  async permits(body: unknown): Promise<boolean> {
    const { team, enterprise } = workspaceOf(body);
    return this.permitsTeam(team, enterprise);
  }

  /** Whether a workspace (or its Grid organisation) is one the bot serves. */
  async permitsTeam(team: string | undefined, enterprise?: string): Promise<boolean> {
    const allowed = await this.allowed();
    return (!!team && allowed.has(team)) || (!!enterprise && allowed.has(enterprise));
  }
}
