import { createHmac } from 'node:crypto';

/** Request bodies shaped like Slack's real ones (fields as documented for slash commands, interactivity and events). */
export function slashCommand(command: string, text: string, user: string, responseUrl: string): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token', team_id: 'T1', team_domain: 'kommune', channel_id: 'C0GENERAL', channel_name: 'general',
    user_id: user, user_name: user.toLowerCase(), command, text, api_app_id: 'A0AULA', is_enterprise_install: 'false',
    response_url: responseUrl, trigger_id: `trigger.${user}.${Date.now()}`,
  }).toString();
}

export function blockAction(actionId: string, value: string, user: string, responseUrl: string): string {
  const payload = {
    type: 'block_actions', team: { id: 'T1', domain: 'kommune' }, user: { id: user, username: user.toLowerCase(), team_id: 'T1' }, api_app_id: 'A0AULA',
    trigger_id: `trigger.${user}.${Date.now()}`, container: { type: 'message', message_ts: '1700000000.000100', channel_id: `D${user}`, is_ephemeral: false },
    channel: { id: `D${user}`, name: 'directmessage' }, message: { type: 'message', ts: '1700000000.000100', text: 'Fejlrapport' }, response_url: responseUrl,
    actions: [{ type: 'button', action_id: actionId, block_id: 'b1', value, text: { type: 'plain_text', text: 'x' }, action_ts: '1700000001.000200' }],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export function viewSubmission(callbackId: string, privateMetadata: string, values: Record<string, Record<string, unknown>>, user: string): string {
  const payload = {
    type: 'view_submission', team: { id: 'T1', domain: 'kommune' }, user: { id: user, username: user.toLowerCase(), team_id: 'T1' }, api_app_id: 'A0AULA', trigger_id: `trigger.${user}`,
    view: { id: 'V1', type: 'modal', callback_id: callbackId, private_metadata: privateMetadata, state: { values }, hash: 'h1', title: { type: 'plain_text', text: 'Ny fejlrapport' } },
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export function imEvent(user: string, text: string, eventId: string): string {
  return JSON.stringify({
    token: 'deprecated-verification-token', team_id: 'T1', api_app_id: 'A0AULA', type: 'event_callback', event_id: eventId, event_time: 1700000000,
    event: { type: 'message', channel: `D${user}`, channel_type: 'im', user, text, ts: '1700000000.000200', event_ts: '1700000000.000200' },
  });
}

/** Sign a body as Slack does: v0=HMAC-SHA256(secret, "v0:<ts>:<body>"). */
export function signedHeaders(secret: string, body: string, contentType: string, ts = Math.floor(Date.now() / 1000)): Record<string, string> {
  const sig = `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
  return { 'content-type': contentType, 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sig };
}
