import { describe, expect, it } from 'vitest';
import { FaqSearch } from '../../src/search/faq.search.js';
import { aboutSeeing, asksToSee, entrySubject, namedThings, questionSubject, productsNamed, questionTypes, roleCue, typeFit } from '../../src/search/question-type.js';
import type { SearchDoc } from '../../src/search/search.types.js';

const doc = (id: string, title: string, extra: Partial<SearchDoc> = {}): SearchDoc => ({ id, title, alternatives: [], tags: [], body: '', ...extra });

describe('question types', () => {
  it('reads what a Danish question asks, in the order it asks it', () => {
    expect(questionTypes('Hvor mange kan jeg invitere til en begivenhed?')).toEqual(['hvor-mange']);
    expect(questionTypes('hvordan opretter jeg en begivenhed')).toEqual(['hvordan']);
    expect(questionTypes('Jeg kan ikke logge ind på Aula')).toEqual(['problem']);
    expect(questionTypes('jeg faar ingen notifikationer paa min iphone')).toEqual(['problem']);
    expect(questionTypes('Hvem skal jeg kontakte, hvis jeg ikke kan logge på?')[0]).toBe('hvem');
    expect(questionTypes('Hvornår starter kurserne?')).toEqual(['hvornaar']);
    expect(questionTypes('Kan vi få en oversigt over forældrenes login?')).toEqual(['ja-nej']);
    expect(questionTypes('aula kalender outlook')).toEqual([]);
    expect(questionTypes('Hvor hurtigt kan jeg forvente svar?')).toEqual(['hvornaar']);
  });

  it('lets only fitting entry types answer: a "hvordan" is not answered by a "hvor mange", a problem not by a yes/no', () => {
    expect(typeFit(['hvordan'], new Set(['hvor-mange']))).toBe('no');
    expect(typeFit(['problem'], new Set(['ja-nej']))).toBe('no');
    expect(typeFit(['problem'], new Set(['problem']))).toBe('yes');
    expect(typeFit(['hvordan'], new Set(['problem']))).toBe('weak');
    expect(typeFit([], new Set(['hvem']))).toBe('yes');
    expect(typeFit(['hvem'], new Set())).toBe('yes');
  });

  it('answers a "hvor" question fully only with a where or how entry: a when-entry does not fit, a yes/no or problem entry only partly', () => {
    expect(typeFit(['hvor'], new Set(['hvornaar']))).toBe('no');
    expect(typeFit(['hvor'], new Set(['ja-nej', 'hvornaar']))).toBe('weak');
    expect(typeFit(['hvor'], new Set(['problem']))).toBe('weak');
    expect(typeFit(['hvor'], new Set(['hvordan']))).toBe('yes');
    expect(typeFit(['hvor'], new Set(['hvor']))).toBe('yes');
    // A "hvordan" answered by a "hvem" entry says who, not how: only partly.
    expect(typeFit(['hvordan'], new Set(['hvem']))).toBe('weak');
  });

  it('finds the asker\'s role, systems and other products in the question', () => {
    expect(roleCue('jeg er forælder og har glemt min kode')).toBe('parent');
    expect(roleCue('hvordan sender jeg en besked til alle forældrene på stuen')).toBe('staff');
    expect(roleCue('glemt kode')).toBeUndefined();
    expect(roleCue('jeg er ny medarbejder i børnehaven')).toBe('staff');
    expect(roleCue('jeg er en ny forælder i dagtilbuddet')).toBe('parent');
    expect(namedThings('glemt UNI-Login kode, ikke MitID')).toEqual(['mitid', 'unilogin']);
    expect(productsNamed('hvordan tilføjer jeg en kollega til et team i Teams')).toEqual(['teams']);
  });

  it('reads a question about "et barn" or "en elev" as staff asking about someone else\'s child', () => {
    expect(roleCue('hvordan tjekker jeg et barn ind i komme gå')).toBe('staff');
    expect(roleCue('kan jeg se elevernes fravær')).toBe('staff');
    expect(roleCue('hvordan tjekker jeg mit barn ind')).toBe('parent');
  });

  it('names generic IT and other systems, which no Aula entry answers unless it is about them', () => {
    expect(productsNamed('hvordan tilfoejer jeg en printer paa min mac')).toContain('windows');
    expect(productsNamed('min microsoft konto er låst')).toEqual(['microsoft']);
    expect(productsNamed('tastaturet virker ikke')).toEqual(['hardware']);
    expect(productsNamed('eduroam virker ikke')).toEqual(['eduroam']);
    expect(productsNamed('hvordan får jeg udbetalt feriepenge')).toEqual(['hr']);
    expect(productsNamed('hvordan bliver vejret i morgen')).toEqual(['vejr']);
    expect(productsNamed('kan du oversætte denne tekst til engelsk')).toEqual(['opgave']);
    expect(productsNamed('kan jeg få aula på engelsk')).toEqual([]);
    // a verb, not the device
    expect(productsNamed('hvad sker der hvis man scanner en qr kode')).toEqual([]);
  });

  it('tells whom a question and an entry are about: the asker, or helping another person', () => {
    expect(questionSubject('jeg er pædagog og kan ikke logge ind')).toBe('self');
    expect(questionSubject('min kollega har glemt sin kode')).toBe('other');
    expect(questionSubject('en forælder kan ikke logge ind, hvad gør jeg')).toBe('other');
    // another person as the object is not the subject
    expect(questionSubject('kan jeg blokere en anden forælder der skriver til mig')).toBeUndefined();
    expect(questionSubject('kan jeg melde en fejl for en kollega')).toBeUndefined();
    expect(entrySubject('En medarbejder kan ikke logge på Aula – hvad tjekker jeg som superbruger?')).toBe('helper');
    expect(entrySubject('Jeg har glemt min kode til Aula')).toBe('own');
    expect(entrySubject('Hvordan får en vikar adgang til Aula?')).toBeUndefined();
    // Another person as the object of the reader's own task is not helping them.
    expect(entrySubject('Hvordan svarer jeg kun én forælder i en tråd med mange modtagere?')).toBeUndefined();
    expect(entrySubject('Hvordan skriver jeg en besked til en kollega i Aula?')).toBeUndefined();
    expect(entrySubject('Hvordan hjælper jeg en forælder, der ikke kan logge på Aula?')).toBe('helper');
    expect(entrySubject('Kan jeg oprette en fejlrapport på vegne af en kollega?')).toBe('helper');
  });

  it('tells a question about seeing something from one about doing it', () => {
    expect(asksToSee('hvordan ser jeg hvem der har svaret paa min invitation')).toBe(true);
    expect(asksToSee('kan foraeldrene se hvem der har læst beskeden')).toBe(true);
    expect(asksToSee('hvordan svarer jeg på en invitation')).toBe(false);
    expect(aboutSeeing(['Hvordan svarer jeg på en invitation?', 'besvare invitation'])).toBe(false);
    expect(aboutSeeing(['Kan jeg se, hvem der har læst min besked?'])).toBe(true);
  });
});

describe('precision in the search', () => {
  const search = new FaqSearch([
    doc('statistik', 'Kan vi se, hvilke forældre der har logget på Aula?', { alternatives: ['statistik over login'] }),
    doc('login-problem', 'Hvem skal jeg kontakte, hvis jeg ikke kan logge på Aula?', { alternatives: ['kan ikke logge på aula'], audience: ['parents', 'staff'] }),
    doc('galleri-foraelder', 'Hvordan får jeg et billede af mit barn fjernet?', { audience: ['parents'] }),
    doc('galleri-upload', 'Jeg kan ikke uploade billeder til galleriet', { audience: ['staff'] }),
    doc('barn-kode', 'Mit barn har glemt sin UNI-Login-adgangskode', { alternatives: ['nulstil unilogin barn'] }),
    doc('mitid-kode', 'Jeg har glemt min MitID-adgangskode', { alternatives: ['glemt mitid kode'] }),
    doc('excluded', 'Hvordan sletter jeg en besked?', { notFor: ['slet bruger'] }),
    doc('asks', 'Kalenderen i Aula', { asks: ['hvor-mange'] }),
    doc('svartid', 'Hvor hurtigt kan jeg forvente svar på en besked?', { alternatives: ['hvorfor svarer læreren ikke'], notFor: ['jeg kan ikke svare'], audience: ['parents'] }),
    doc('invitation', 'Hvordan svarer jeg på en invitation i kalenderen?', { alternatives: ['besvare invitation'] }),
    doc('tjek-ind', 'Hvordan tjekker jeg mit barn ind i dagtilbuddet?', { audience: ['parents'] }),
    doc('forum', 'Hvordan skriver jeg til forældrene i klassen?', { notFor: ['kan forældre skrive til hinanden'] }),
    doc('hjaelp-medarbejder', 'En medarbejder kan ikke logge på Aula – hvad tjekker jeg som superbruger?'),
    doc('eget-login', 'Jeg er medarbejder og kan ikke logge på Aula – hvad gør jeg?'),
  ]);
  const hit = (q: string, id: string, role?: 'staff' | 'parent') => search.search(q, 8, role ? { role } : {}).find((h) => h.id === id);

  it('marks an entry that answers another kind of question as not fitting and ranks the fitting one first', () => {
    expect(hit('jeg kan ikke logge ind på aula', 'statistik')?.fit).toBe(false);
    expect(search.search('jeg kan ikke logge ind på aula', 3)[0]?.id).toBe('login-problem');
  });

  it('reads "komme ind på Aula" as logging in', () => {
    expect(search.search('jeg kan ikke komme ind på aula', 3)[0]?.id).toBe('login-problem');
  });

  it('does not answer "min adgangskode" with a child\'s, nor UNI-Login with MitID', () => {
    expect(hit('jeg har glemt min adgangskode', 'barn-kode')?.fit).toBe(false);
    expect(hit('jeg har glemt mit unilogin kodeord', 'mitid-kode')?.fit).toBe(false);
    expect(hit('mit barn har glemt sin kode til unilogin', 'barn-kode')?.fit).toBe(true);
  });

  it('prefers the asker\'s side when the role is known', () => {
    expect(search.search('billeder i galleriet', 2, { role: 'parent' })[0]?.id).toBe('galleri-foraelder');
    expect(search.search('billeder i galleriet', 2, { role: 'staff' })[0]?.id).toBe('galleri-upload');
  });

  it('honours an entry\'s not_for phrasings and asks types when the loader provides them', () => {
    expect(hit('hvordan sletter jeg en bruger', 'excluded')?.fit).toBe(false);
    expect(hit('hvordan sletter jeg en besked', 'excluded')?.fit).toBe(true);
    expect(hit('hvordan bruger jeg kalenderen', 'asks')?.fit).toBe(false);
    expect(hit('hvor mange kan jeg invitere i kalenderen', 'asks')?.fit).toBe(true);
  });

  it('matches not_for phrasings with their small words, so "jeg kan ikke svare" does not exclude "hvorfor svarer læreren ikke"', () => {
    expect(hit('hvorfor kan jeg ikke svare på beskeden', 'svartid')?.fit).toBe(false);
    expect(hit('hvorfor svarer læreren ikke på min besked', 'svartid')?.fit).toBe(true);
    // other small words ("kan", "til") are not required: the phrasing still excludes its paraphrase
    expect(hit('må forældrene skrive til hinanden', 'forum')?.fit).toBe(false);
  });

  it('does not let a how-to entry answer "kan jeg se …"', () => {
    expect(hit('hvordan ser jeg hvem der har svaret paa min invitation', 'invitation')?.fit).toBe(false);
    expect(hit('hvordan svarer jeg på en invitation', 'invitation')?.fit).toBe(true);
  });

  it('does not answer "jeg kan ikke logge på" with how to help someone who cannot, nor the reverse', () => {
    expect(hit('jeg er pædagog og kan ikke logge på', 'hjaelp-medarbejder')?.fit).toBe(false);
    expect(search.search('jeg er pædagog og kan ikke logge på', 1)[0]?.id).toBe('eget-login');
    expect(hit('min kollega kan ikke logge på aula', 'eget-login')?.fit).toBe(false);
    expect(hit('min kollega kan ikke logge på aula', 'hjaelp-medarbejder')?.fit).toBe(true);
  });

  it('ranks a parent\'s entry lower when staff ask about "et barn"', () => {
    const mine = hit('hvordan tjekker jeg mit barn ind', 'tjek-ind')!.score;
    expect(hit('hvordan tjekker jeg et barn ind', 'tjek-ind')!.score).toBeLessThan(mine);
  });

  it('measures how many of the question\'s content words the entry\'s own phrasings cover', () => {
    expect(hit('glemt mitid kode', 'mitid-kode')?.content).toBe(1);
    expect(hit('glemt mitid kode til printeren', 'mitid-kode')!.content).toBeLessThan(1);
  });
});
