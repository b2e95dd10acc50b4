import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Core } from '../../src/core.js';
import { newCorrelationId } from '../../src/logging/logger.js';
import { sendJson } from '../http/http.server.js';
import { BodyTooLarge, readBody } from '../http/read-body.js';
import { isLoopback, isLoopbackUrl, proxyHeaders, refuseTenant, tenantOf } from './teams.guard.js';

const MAX_BODY = 256 * 1024;

export interface TeamsEndpointOptions {
  core: Core;
  adapter: TeamsAdapter;
  /** Local mode (no MICROSOFT_APP_ID): loopback callers and a localhost serviceUrl only. */
  local: boolean;
  tenantAllowed(ctx: TurnContext): boolean;
  /** Runs an authenticated turn (the teams-ai Application). */
  run(ctx: TurnContext): Promise<unknown>;
}

/** POST /api/messages: checks the request, authenticates it through botbuilder, and answers invokes. */
export function teamsEndpoint({ core, adapter, local, tenantAllowed, run }: TeamsEndpointOptions): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    if (local) {
      if (!isLoopback(req.socket.remoteAddress)) return sendJson(res, 403, { error: 'local mode accepts requests from this machine only; set MICROSOFT_APP_ID to accept Teams' });
      // Behind a proxy on this host every caller would look local, and could claim to be anyone.
      const proxied = proxyHeaders(req.headers);
      if (proxied.length) {
        core.logger.warn({ platform: 'teams', headers: proxied }, 'local mode refused a proxied request');
        return sendJson(res, 403, { error: 'local mode refuses proxied requests (it is for development only); set MICROSOFT_APP_ID to accept Teams' });
      }
    }
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return sendJson(res, 415, { error: 'content-type must be application/json' });
    let body: unknown;
    try {
      body = JSON.parse((await readBody(req, MAX_BODY)).toString('utf8'));
    } catch (err) {
      return err instanceof BodyTooLarge ? sendJson(res, 413, { error: 'body too large' }) : sendJson(res, 400, { error: 'malformed JSON' });
    }
    if (!body || typeof body !== 'object' || Array.isArray(body) || typeof (body as { type?: unknown }).type !== 'string') {
      return sendJson(res, 400, { error: 'an activity must be a JSON object with a type' });
    }
    const activity = body as Record<string, unknown>;
    // Local mode answers to the activity's serviceUrl: never to anywhere but this machine.
    if (local && !isLoopbackUrl(activity.serviceUrl)) {
      core.logger.warn({ platform: 'teams' }, 'local mode refused an activity whose serviceUrl is not on this machine');
      return sendJson(res, 403, { error: 'local mode only replies to a serviceUrl on this machine (localhost)' });
    }
    for (const k of ['timestamp', 'localTimestamp', 'expiration'] as const) if (typeof activity[k] === 'string') activity[k] = new Date(activity[k] as string);
    let authenticated = false;
    const logic = async (ctx: TurnContext): Promise<void> => {
      authenticated = true;
      if (!tenantAllowed(ctx)) {
        core.logger.warn({ platform: 'teams', tenant: tenantOf(ctx.activity) ?? 'none' }, 'teams activity from a tenant not in TEAMS_ALLOWED_TENANTS refused');
        return refuseTenant(ctx);
      }
      await run(ctx);
    };
    const auth = String(req.headers.authorization ?? '');
    let invoke: { status?: number; body?: unknown } | undefined;
    try {
      const processActivity = (adapter as unknown as { processActivity(a: string, act: unknown, l: (ctx: TurnContext) => Promise<void>): Promise<typeof invoke> }).processActivity.bind(adapter);
      invoke = await processActivity(auth, activity, logic);
    } catch (err) {
      if (!authenticated) {
        // A missing, forged or unverifiable token (also when the signing keys cannot be fetched): the caller's problem.
        core.logger.warn({ platform: 'teams', err: { name: (err as Error).name } }, 'teams request refused: authentication failed');
        if (!res.headersSent) return sendJson(res, 401, { error: 'unauthorized' });
        return void res.end();
      }
      const correlationId = newCorrelationId();
      core.logger.error({ platform: 'teams', correlationId, err: { name: (err as Error).name } }, 'teams turn failed');
      if (!res.headersSent) return sendJson(res, 500, { error: 'internal error', correlationId });
      return void res.end();
    }
    if (res.headersSent) return void res.end();
    if (invoke?.body !== undefined) return sendJson(res, invoke.status ?? 200, invoke.body);
    res.writeHead(invoke?.status ?? 200);
    res.end();
  };
}
