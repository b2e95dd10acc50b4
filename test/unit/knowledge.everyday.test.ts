import { describe, expect, it } from 'vitest';
import { FaqService } from '../../src/faq/faq.service.js';
import { realKnowledge } from '../harness/bot.harness.js';

const store = realKnowledge();
const faq = new FaqService(() => store.current());
const top = (q: string) => faq.rank(q, 1)[0];

// Everyday questions from issue 12 and its knowledge audit: each must reach the entry written for it.
describe('everyday questions reach the entry written for them', () => {
  it.each([
    ['Jeg kan ikke logge ind på Aula', 'login-hvem-kontakte-ved-loginproblemer'],
    ['hvordan lægger jeg billeder af børnene op i galleriet', 'galleri-upload-billeder'],
    ['hvordan opretter jeg en begivenhed i kalenderen', 'kalender-opret-begivenhed'],
    ['jeg faar ingen notifikationer paa min iphone', 'notifikationer-ingen-paa-telefonen'],
    ['Hvordan nulstiller jeg min adgangskode?', 'login-glemt-kode-hvilken'],
    ['jeg har glemt mit unilogin kodeord', 'login-medarbejder-glemt-unilogin-kode'],
    ['Hvem har købt Aula ind til kommunerne?', 'implementering-hvem-staar-bag-aula'],
    ['Hvordan sender jeg en besked til alle forældre på stuen?', 'beskeder-skriv-til-alle-foraeldre'],
    ['jeg er forælder og har glemt min kode til aula', 'login-foraelder-glemt-kode'],
    ['hvem må kontakte Netcompany', 'supportmodel-hvem-maa-kontakte-netcompany'],
    ['min gamle samsung kan ikke få aula appen', 'app-gammel-telefon'],
    ['Hvornår fik dagtilbud i København Aula?', 'data-waves-not-joined-101'],
  ])('%s → %s', (q, id) => {
    expect(top(q)).toBe(id);
  });
});

describe('staff and parent answers are separate', () => {
  it('a parent who cannot log in gets the MitID answer, a staff member the login-method answer', () => {
    expect(top('jeg er forælder og kan ikke logge ind på aula med mitid')).toBe('login-foraelder-kan-ikke-logge-ind');
    expect(top('lærer kan ikke logge på aula på arbejdet')).toBe('login-medarbejder-kan-ikke-logge-ind');
  });

  it('a child’s forgotten UNI-Login and a teacher resetting it are different entries', () => {
    expect(top('hvordan nulstiller jeg som lærer en elevs unilogin kode')).toBe('login-laerer-nulstil-elev-kode');
    expect(top('min søn kan ikke huske sin unilogin kode')).toBe('login-barn-glemt-unilogin-kode');
  });
});

describe('new everyday entries are sourced, dated where needed and aimed at someone', () => {
  const entries = store.current().kb.entries;
  it('every entry cites a source people can read (no internal file names)', () => {
    const bad = entries.filter((e) => e.sources.some((s) => /\.txt\b/.test(s))).map((e) => e.id);
    expect(bad).toEqual([]);
  });

  it('consent entries say what holds since 27 August 2022', () => {
    const consent = entries.filter((e) => e.category === 'samtykker');
    expect(consent.length).toBeGreaterThan(5);
    for (const e of consent) expect(e.asOf, e.id).toMatch(/^2022/);
  });
});
