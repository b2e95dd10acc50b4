import type { TurnContext } from 'botbuilder';
import type { IncomingHttpHeaders } from 'node:http';

/** Headers a reverse proxy adds; local mode refuses them, since a proxy on this host would make any caller look local. */
export const PROXY_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-real-ip', 'via'] as const;

export const TENANT_REFUSAL = 'Aula-supportbotten er ikke sat op til din organisation, så den kan ikke hjælpe dig her. Kontakt din kommunes it-afdeling.';

export const isLoopback = (addr: string | undefined): boolean => !!addr && (/^127\./.test(addr) || addr === '::1' || /^::ffff:127\./.test(addr));

/** The proxy headers present on a request (names only). */
export function proxyHeaders(headers: IncomingHttpHeaders): string[] {
  return PROXY_HEADERS.filter((h) => headers[h] !== undefined);
}

/** True when `serviceUrl` points at this machine (localhost, 127.x, ::1): the only place local mode may send to. */
export function isLoopbackUrl(serviceUrl: unknown): boolean {
  if (typeof serviceUrl !== 'string') return false;
  let host: string;
  try {
    host = new URL(serviceUrl).hostname.toLowerCase();
  } catch {
    return false;
  }
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** The Entra tenant an activity comes from (set by the Bot Connector), or undefined. */
export function tenantOf(activity: { conversation?: { tenantId?: string }; channelData?: unknown }): string | undefined {
  return activity.conversation?.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? undefined;
}

/** Tell a caller from a tenant not on the list, briefly; activities that need no answer are ignored. */
export async function refuseTenant(ctx: TurnContext): Promise<void> {
  const a = ctx.activity;
  if (a.type === 'invoke' && a.name === 'adaptiveCard/action') {
    const card = { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', body: [{ type: 'TextBlock', text: TENANT_REFUSAL, wrap: true }] };
    await ctx.sendActivity({ type: 'invokeResponse', value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card } } });
  } else if (a.type === 'invoke') {
    await ctx.sendActivity({ type: 'invokeResponse', value: { status: 403, body: { error: 'tenant not allowed' } } });
  } else if (a.type === 'message') {
    await ctx.sendActivity(TENANT_REFUSAL);
  }
}
