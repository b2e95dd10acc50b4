import { describe, expect, it } from 'vitest';
import { FaqService } from '../../src/faq/faq.service.js';
import { realKnowledge } from '../harness/bot.harness.js';

const store = realKnowledge();
const faq = new FaqService(() => store.current());
const answered = (q: string) => {
  const r = faq.ask(q);
  return r.outcome === 'answered' ? r.answer!.id : `(${r.outcome})`;
};

// Issue 12, task K1: everyday questions about login, the app, notifications, profile and files,
// typed the way people type them; each must be answered by the entry written for it.
describe('K1 everyday questions are answered by their entry', () => {
  it.each([
    ['aula smider mig ud hver dag', 'login-app-logger-mig-ud'],
    ['aula virker på telefonen men ikke på computeren', 'login-virker-paa-den-ene-enhed'],
    ['virker aula i chrome', 'login-hvilken-browser'],
    ['hvordan opdaterer jeg aula', 'app-opdatere'],
    ['appen lukker ned når jeg åbner den', 'app-lukker-ned'],
    ['kan jeg have aula på to telefoner', 'app-flere-enheder'],
    ['hvordan slår jeg notifikationer fra efter arbejdstid', 'notifikationer-medarbejder-uden-for-arbejdstid'],
    ['aula notifikationer kommer flere timer for sent', 'notifikationer-kommer-sent'],
    ['kan forældrene se mit private nummer', 'profil-medarbejder-skjul-telefonnummer'],
    ['jeg vil se hvad skolen har gemt om mit barn', 'profil-foraelder-indsigt-barnets-data'],
    ['hvordan opretter jeg en sikker fil', 'filer-opret-sikker-fil'],
    ['hvor finder jeg referatet fra forældremødet', 'filer-foraelder-find-dokumenter'],
    ['kan jeg se hvem der har læst min fil', 'filer-hvem-har-aabnet'],
    ['hvordan deler jeg referatet med forældrene', 'filer-del-dokument-med-foraeldre-i-gruppe'],
  ])('%s → %s', (q, id) => {
    expect(answered(q)).toBe(id);
  });
});

describe('K1: staff and parents get their own answer to an error message', () => {
  it('a parent and a teacher are answered differently; without a role the bot asks', () => {
    expect(answered('jeg er forælder og aula siger der er sket en fejl')).toBe('app-der-er-sket-en-fejl-foraelder');
    expect(answered('jeg er lærer og aula skriver der er sket en fejl')).toBe('app-der-er-sket-en-fejl-medarbejder');
    const bare = faq.ask('der er sket en fejl aula');
    expect(bare.outcome).toBe('suggested');
    expect(bare.clarify).toBe('role');
  });

  it('a staff question about which app to install still reaches the app choice, not the staff getting-started entry', () => {
    expect(faq.rank('Der er flere Aula-apps i App Store – hvilken en skal jeg installere som lærer?', 1)[0]).toBe('app-hvilken-app');
  });
});
