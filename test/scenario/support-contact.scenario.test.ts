import { describe, expect, it } from 'vitest';
import { person, testCore, textOf } from '../harness/core.harness.js';

const say = (core: ReturnType<typeof testCore>, email: string, text: string) =>
  core.bot.handle({ type: 'message', actor: { identity: `local:${email}`, email }, conversation: { channel: 'console', id: 'c' }, text }).then(textOf);

describe('admin kontakt: the municipality\'s own Aula support in the "no answer" text', () => {
  it('is set by an admin (cleaned, audited), shown to that municipality\'s people, not to others, and removable', async () => {
    const core = testCore();
    person(core, 'anne@aeroe.dk', 'Anne Admin', 'Ærø', 'admin');
    person(core, 'nina@aeroe.dk', 'Nina Ny', 'Ærø', 'staff');
    person(core, 'otto@odense.dk', 'Otto Odense', 'Odense', 'staff');
    const gap = 'Hvordan laver jeg en pivottabel i Excel?';
    expect(await say(core, 'nina@aeroe.dk', gap)).toContain(core.config.FALLBACK_SUPPORT_TEXT);
    expect(await say(core, 'nina@aeroe.dk', 'admin kontakt Ring 62 52 00 00')).toMatch(/Kun kommunens Aula-administratorer/);
    expect(await say(core, 'anne@aeroe.dk', 'admin kontakt')).toMatch(/ikke sat nogen Aula-support for Ærø Kommune/);
    // A zero-width space and a CPR-like number are cleaned before the text is stored.
    expect(await say(core, 'anne@aeroe.dk', 'admin kontakt Ring\u200b 62 52 00 00 eller skriv til *it*@aeroe.dk, sag 0102031234')).toMatch(/^Gemt\./);
    expect(core.supportContacts.get('492')).not.toMatch(/\u200b|0102031234/);
    const nina = await say(core, 'nina@aeroe.dk', gap);
    expect(nina).toContain('Kontakt Ærø Kommunes Aula-support');
    // Shown literally (the terminal renders escaped Markdown as the characters typed).
    expect(nina).toContain('Ring 62 52 00 00 eller skriv til *it*@aeroe.dk');
    expect(await say(core, 'otto@odense.dk', gap)).toContain(core.config.FALLBACK_SUPPORT_TEXT);
    expect(core.db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'support_contact.set'").get()).toEqual({ n: 1 });
    expect(await say(core, 'anne@aeroe.dk', 'admin kontakt fjern')).toMatch(/fjernet/);
    expect(await say(core, 'nina@aeroe.dk', gap)).toContain(core.config.FALLBACK_SUPPORT_TEXT);
    await core.close();
  });
});
