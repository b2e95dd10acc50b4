import { describe, expect, it } from 'vitest';
import { person, testCore, textOf, validForm } from '../harness/core.harness.js';

describe('the reporter is told when a CPR number was hidden', () => {
  it('in the chat dialogue, although the text was already masked where it entered the core', async () => {
    const core = testCore();
    person(core, 'sara@aeroe.dk', 'Sara Superbruger', 'Ærø', 'superuser');
    const say = (text: string) => core.bot.handle({ type: 'message', actor: { identity: 'local:sara@aeroe.dk' }, conversation: { channel: 'console', id: 'c' }, text }).then(textOf);
    await say('fejl');
    await say('Beskeder kan ikke åbnes');
    await say('2');
    const reply = await say('Appen lukker. Barnets cpr er 150220 - 7710');
    expect(reply).toMatch(/Jeg har skjult et CPR-nummer i dit svar/);
    const draft = core.workflow.draftFor(core.directory.personByEmail('sara@aeroe.dk')!);
    expect(draft.fields.whatHappened).toBe('Appen lukker. Barnets cpr er [CPR-nummer skjult]');
    await core.close();
  });

  it('in a form (Slack modal, Teams card): the field is named', () => {
    const core = testCore();
    const sara = person(core, 'sara@aeroe.dk', 'Sara Superbruger', 'Ærø', 'superuser');
    const draft = core.workflow.draftFor(sara);
    const r = core.workflow.submit(sara, draft.id, validForm({ whatHappened: 'Eleven ١٥٠٢٢٠-٧٧١٠ kan ikke logge ind', title: 'x'.repeat(200) }), false);
    expect(r.ok && r.value.kind === 'invalid' ? r.value.maskedFields : []).toEqual(['whatHappened']);
  });
});
