import { describe, expect, it } from 'vitest';
import { BotHarness } from '../harness/bot.harness.js';
import { FAQ_ACTIONS } from '../../src/bot/faq.replies.js';

describe('asking the bot (whole-bot harness)', () => {
  it('answers a seat question from the table with its source and feedback buttons', async () => {
    const h = new BotHarness();
    const text = BotHarness.text(await h.say('Hvor mange supportberettigede har Odense?'));
    expect(text).toContain('Odense Kommune');
    expect(text).toContain('15');
    expect(text).toMatch(/Kilde: KOMBIT: Fordeling af supportberettigede brugere til teknisk support i Aula \(notat, 2018\)/);
    expect(text).not.toMatch(/\.txt/);
    expect(h.buttons().map((b) => b.actionId)).toEqual([FAQ_ACTIONS.helpful, FAQ_ACTIONS.notHelpful]);
  });

  it('stores helpful / not helpful with the question and entry id', async () => {
    const h = new BotHarness();
    await h.say('Hvor mange supportberettigede er der i alt?');
    const reply = BotHarness.text(await h.click('Hjalp ikke'));
    expect(reply).toMatch(/Tak for din tilbagemelding/);
    expect(h.questionLog.feedbacks).toEqual([expect.objectContaining({ entryId: 'data-seats-total', helpful: false, identity: 'local:anna@kommune.dk' })]);
    expect(h.questionLog.questions[0]).toMatchObject({ id: h.questionLog.feedbacks[0]!.questionId, question: 'Hvor mange supportberettigede er der i alt?' });
  });

  it('says plainly when it does not know, points to local support and logs the question', async () => {
    const h = new BotHarness();
    const text = BotHarness.text(await h.say('Hvordan laver jeg en pivottabel i Excel?'));
    expect(text).toContain(h.fallback);
    expect(h.questionLog.unanswered(5).map((q) => q.question)).toEqual(['Hvordan laver jeg en pivottabel i Excel?']);
  });

  it('masks CPR numbers before a question is stored', async () => {
    const h = new BotHarness();
    await h.say('Barnet med cpr 010203-1234 kan ikke logge ind på Aula');
    expect(h.questionLog.questions[0]!.question).not.toContain('010203');
    expect(h.questionLog.questions[0]!.question).toContain('[CPR-nummer skjult]');
  });

  it('offers a choice of questions when several entries fit, and the chosen one opens its answer', async () => {
    const h = new BotHarness();
    const replies = await h.say('superbruger');
    expect(BotHarness.text(replies)).toMatch(/^Flere svar kan passe\. Vælg det spørgsmål, der ligner dit mest:/);
    const suggestions = h.buttons().filter((b) => b.actionId === FAQ_ACTIONS.suggestion);
    expect(suggestions.length).toBeGreaterThanOrEqual(2);
    expect(suggestions.length).toBeLessThanOrEqual(3);
    const first = suggestions[0]!;
    const answer = BotHarness.text(await h.click(first.label));
    expect(answer).toContain(first.label);
    expect(answer).toMatch(/Kilde:/);
  });

  it('offers a single near question as "Mente du dette spørgsmål?"', async () => {
    const h = new BotHarness();
    const replies = await h.say('hvordan deler jeg billeder på facebook');
    expect(BotHarness.text(replies)).toMatch(/^Mente du dette spørgsmål\? Tryk på det for at se svaret\./);
    expect(h.buttons().filter((b) => b.actionId === FAQ_ACTIONS.suggestion).map((b) => b.label)).toEqual(['Må jeg dele billeder fra Aula på sociale medier?']);
  });

  it('shows help generated from the command registry', async () => {
    const h = new BotHarness();
    const text = BotHarness.text(await h.say('hjælp'));
    for (const c of h.bot.commands.list()) expect(text).toContain(c.usage);
  });

  it('treats "hjælp til login" as a question, not the help command', async () => {
    const h = new BotHarness();
    await h.say('hjælp til login med MitID');
    expect(h.questionLog.questions).toHaveLength(1);
  });

  it('refuses unknown or stale buttons politely', async () => {
    const h = new BotHarness();
    const r = await h.bot.handle({ type: 'action', actor: BotHarness.actor(), conversation: { channel: 'test', id: 'c' }, actionId: 'nope', value: 'x' });
    expect(BotHarness.text(r)).toMatch(/knap kender jeg ikke/);
    const r2 = await h.bot.handle({ type: 'action', actor: BotHarness.actor(), conversation: { channel: 'test', id: 'c' }, actionId: FAQ_ACTIONS.helpful, value: '99:ukendt' });
    expect(BotHarness.text(r2)).toMatch(/kunne ikke finde/);
    expect(h.questionLog.feedbacks).toEqual([]);
  });

  it('turns an unexpected fault into a Danish apology with a correlation id, without logging the question', async () => {
    const h = new BotHarness();
    h.bot.onAction('boom', () => {
      throw new Error('kaboom');
    });
    const r = await h.bot.handle({ type: 'action', actor: BotHarness.actor(), conversation: { channel: 'test', id: 'c' }, actionId: 'boom', value: 'x' });
    const text = BotHarness.text(r);
    const id = /fejlkoden (\w+)/.exec(text)?.[1];
    expect(id).toBeDefined();
    expect(text).not.toContain('kaboom');
    expect(h.log.text).toContain(`"correlationId":"${id}"`);
  });

  it('never writes the question text to the log', async () => {
    const h = new BotHarness();
    await h.say('Mit barn 0102031234 kan ikke se beskeder i appen');
    expect(h.log.text).not.toContain('0102031234');
    expect(h.log.text).not.toContain('kan ikke se beskeder');
    expect(h.log.text).toContain('question answered');
  });
});

describe('small talk', () => {
  it('greets back instead of searching, and does not log a knowledge gap', async () => {
    const h = new BotHarness();
    for (const t of ['Hej', 'hvordan går det?', 'tak for hjælpen']) {
      expect(BotHarness.text(await h.say(t))).toMatch(/^Hej! Jeg er Aula-supportbotten/);
    }
    expect(h.questionLog.questions).toEqual([]);
  });
});
