import type { Core } from '../core.js';
import type { Actor as ChatActor } from '../bot/bot.types.js';

/**
 * A person wrote to the bot: whatever notifications were waiting for them (backed off because no
 * chat platform could reach them) become due now. Returns whether the adapter should run a pass.
 * Unknown people have nothing waiting.
 */
export function wakes(core: Pick<Core, 'directory' | 'notifications'>, actor: ChatActor): boolean {
  const person = core.directory.resolve(actor.identity, actor.email);
  return person ? core.notifications.wake(person.id) : false;
}
