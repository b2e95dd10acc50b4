/** Activities shaped like real Teams payloads (personal chat, Action.Execute invokes). */
export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

export function messageActivity(serviceUrl: string, user: { id: string; aad: string; name: string }, text: string, id = `msg-${Date.now()}`) {
  return {
    type: 'message', id, timestamp: new Date().toISOString(), localTimestamp: new Date().toISOString(), serviceUrl, channelId: 'msteams', locale: 'da-DK', text, textFormat: 'plain',
    from: { id: user.id, name: user.name, aadObjectId: user.aad }, recipient: { id: '28:aula-bot', name: 'Aula-support' },
    conversation: { id: `a:conv-${user.aad}`, conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } }, entities: [{ type: 'clientInfo', locale: 'da-DK', country: 'DK', platform: 'Web' }],
  };
}

export function executeInvoke(serviceUrl: string, user: { id: string; aad: string; name: string }, verb: string, data: Record<string, unknown>) {
  return {
    type: 'invoke', name: 'adaptiveCard/action', id: `inv-${Date.now()}-${Math.random()}`, replyToId: '1700000000001', timestamp: new Date().toISOString(), serviceUrl, channelId: 'msteams', locale: 'da-DK',
    from: { id: user.id, name: user.name, aadObjectId: user.aad }, recipient: { id: '28:aula-bot', name: 'Aula-support' },
    conversation: { id: `a:conv-${user.aad}`, conversationType: 'personal', tenantId: TENANT }, channelData: { tenant: { id: TENANT }, source: { name: 'message' } },
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}
