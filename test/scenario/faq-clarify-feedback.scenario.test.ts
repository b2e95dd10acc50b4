import { describe, expect, it } from 'vitest';
import type { AskerRole, AskerRoles } from '../../src/faq/asker.port.js';
import { FAQ_ACTIONS } from '../../src/bot/faq.replies.js';
import { BotHarness } from '../harness/bot.harness.js';

class MemoryRoles implements AskerRoles {
  readonly roles = new Map<string, AskerRole>();
  get(identity: string) {
    return this.roles.get(identity);
  }
  set(identity: string, role: AskerRole) {
    this.roles.set(identity, role);
  }
}

const labels = (h: BotHarness) => h.buttons().map((b) => b.label);

describe('clarifying choice: staff or parent, remembered per person', () => {
  it('asks "medarbejder eller forælder", answers the same question after the click, and does not ask again', async () => {
    const roles = new MemoryRoles();
    const h = new BotHarness(undefined, { askerRoles: roles });
    const asked = BotHarness.text(await h.say('hvorfor er der ingen billeder i galleriet'));
    expect(asked).toMatch(/medarbejder eller som forælder/);
    expect(labels(h)).toEqual(['Jeg er medarbejder', 'Jeg er forælder']);
    const answered = await h.click('Jeg er forælder');
    expect(answered[0]!.replaces).toBe(true);
    expect(BotHarness.text(answered)).not.toMatch(/medarbejder eller som forælder/);
    expect(h.buttons().map((b) => b.value)).toContainEqual(expect.stringMatching(/:galleri-(tomt|hvem-kan-se-billederne|faa-billede-fjernet)$/));
    expect(roles.roles.get(BotHarness.actor().identity)).toBe('parent');
    // Remembered: the next ambiguous question is answered for a parent without asking.
    expect(BotHarness.text(await h.say('hvordan tagger jeg et barn på et billede'))).not.toMatch(/medarbejder eller som forælder/);
  });

  it('does not ask registered people (staff side): the directory answers it', async () => {
    const h = new BotHarness(undefined, { isRegistered: () => true });
    expect(BotHarness.text(await h.say('hvorfor er der ingen billeder i galleriet'))).not.toMatch(/medarbejder eller som forælder/);
    expect(h.buttons().map((b) => b.value)).toContainEqual(expect.stringMatching(/:galleri-(kan-ikke-uploade|upload-billeder)$/));
  });

  it('answers the role button only for the person who asked', async () => {
    const h = new BotHarness(undefined, { askerRoles: new MemoryRoles() });
    await h.say('hvorfor er der ingen billeder i galleriet');
    const other = BotHarness.actor('ole@kommune.dk');
    expect(BotHarness.text(await h.click('Jeg er forælder', other))).toMatch(/kunne ikke finde dit spørgsmål/);
  });
});

describe('feedback keeps the answer and leads somewhere', () => {
  it('"Hjalp svaret" keeps the answer with a short thanks below it, in place of the answer with buttons', async () => {
    const h = new BotHarness();
    const answer = BotHarness.text(await h.say('Hvem må kontakte Netcompany?'));
    const title = answer.split('\n')[0]!;
    const r = await h.click('Hjalp svaret');
    expect(r).toHaveLength(1);
    expect(r[0]!.replaces).toBe(true);
    const text = BotHarness.text(r);
    expect(text.startsWith(title)).toBe(true);
    expect(text).toMatch(/Kilde:/);
    expect(text).toMatch(/Tak! Godt at svaret hjalp/);
    expect(labels(h)).toEqual([]);
  });

  it('"Hjalp ikke" keeps the answer and offers the next best answers and the municipality\'s support', async () => {
    const h = new BotHarness(undefined, { supportFor: () => ({ municipality: 'Ærø Kommune', contact: 'Ring 62 52 00 00 eller skriv til it@aeroe.dk' }) });
    const answer = BotHarness.text(await h.say('Hvem må kontakte Netcompany?'));
    const entryId = h.buttons()[0]!.value.split(':')[1];
    const r = await h.click('Hjalp ikke');
    const text = BotHarness.text(r);
    expect(text.startsWith(answer.split('\n')[0]!)).toBe(true);
    expect(text).toMatch(/Tak for din tilbagemelding/);
    expect(text).toContain('Ærø Kommunes Aula-support: Ring 62 52 00 00 eller skriv til it@aeroe.dk');
    const next = h.buttons();
    expect(next.length).toBeGreaterThanOrEqual(1);
    expect(next.every((b) => b.actionId === FAQ_ACTIONS.suggestion && !b.value.endsWith(`:${entryId}`))).toBe(true);
    expect(h.questionLog.feedbacks).toEqual([expect.objectContaining({ entryId, helpful: false })]);
  });

  it('keeps a table answer (seats) too', async () => {
    const h = new BotHarness();
    await h.say('Hvor mange supportberettigede har Odense?');
    expect(BotHarness.text(await h.click('Hjalp svaret'))).toMatch(/Odense Kommune[\s\S]*Tak! Godt at svaret hjalp/);
  });
});

describe('the municipality\'s own support in the "no answer" text', () => {
  it('names the asker\'s municipality\'s Aula support when known, escaped', async () => {
    const h = new BotHarness(undefined, { supportFor: () => ({ municipality: 'Ærø Kommune', contact: 'Skriv til *aula_support*@aeroe.dk' }) });
    const replies = await h.say('Hvordan laver jeg en pivottabel i Excel?');
    const text = BotHarness.text(replies);
    expect(text).toContain('Kontakt Ærø Kommunes Aula-support');
    // The neutral Markdown carries the administrator's text escaped; the terminal shows it literally.
    const markdown = replies.flatMap((r) => r.elements).map((e) => ('markdown' in e ? e.markdown : '')).join('\n');
    expect(markdown).toContain('Skriv til \\*aula\\_support\\*\\@aeroe.dk');
    expect(text).toContain('Skriv til *aula_support*@aeroe.dk');
    expect(text).not.toContain(h.fallback);
  });

  it('falls back to FALLBACK_SUPPORT_TEXT when the municipality is not known', async () => {
    const h = new BotHarness(undefined, { supportFor: () => undefined });
    expect(BotHarness.text(await h.say('Hvordan laver jeg en pivottabel i Excel?'))).toContain(h.fallback);
  });
});
