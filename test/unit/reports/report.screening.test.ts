import { describe, expect, it } from 'vitest';
import type { ReportDraft } from '../../../src/reports/report.schema.js';
import { screenReport } from '../../../src/reports/report.screening.js';
import { VALID_FIELDS } from './report.fixtures.js';

const noFaq = () => [];
const codes = (fields: ReportDraft, findFaq: (t: string) => { id: string; title: string }[] = noFaq) => screenReport(fields, findFaq).map((a) => a.code);

/** A report of a real fault: what is left after the rule-specific text is put in. */
const base: ReportDraft = { ...VALID_FIELDS, area: 'kalender', errorText: undefined, workedBefore: 'nej', title: 'Fejl', whatHappened: 'Noget gik galt.', expected: 'Det virker.', steps: '1. Åbn Aula' };

describe('screenReport', () => {
  it('gives no advice for a plain technical fault', () => {
    expect(screenReport(VALID_FIELDS, () => [{ id: 'x', title: 'x' }])).toEqual([]);
    expect(codes({ ...VALID_FIELDS, area: 'login', title: 'Login med MitID giver fejl 500', steps: '1. Log ind med UNI-login\n2. Åbn kalenderen' })).toEqual([]);
  });

  it('offers up to three FAQ answers for a how-to question', () => {
    const seen: string[] = [];
    const faq = [1, 2, 3, 4].map((n) => ({ id: `faq-${n}`, title: `Svar ${n}` }));
    const advice = screenReport(
      { ...base, title: 'Hvor finder jeg fraværsbeskeder?', whatHappened: 'Hvordan gør jeg, når et barn er sygt?' },
      (text) => (seen.push(text), faq),
    );
    expect(advice).toHaveLength(1);
    expect(advice[0]?.code).toBe('how_to');
    expect(advice[0]?.faq).toEqual(faq.slice(0, 3));
    expect(advice[0]?.message).toContain('Aula-support');
    expect(seen).toEqual(['Hvor finder jeg fraværsbeskeder? Hvordan gør jeg, når et barn er sygt?']);
  });

  it('does not treat a question as how-to when there is an error text or it worked before', () => {
    const q = { ...base, title: 'Kan man ikke længere sende beskeder?' };
    expect(codes({ ...q, errorText: 'Fejl 500' })).toEqual([]);
    expect(codes({ ...q, workedBefore: 'ja' })).toEqual([]);
    expect(codes(q)).toEqual(['how_to']);
  });

  it('still advises on a how-to question when the FAQ lookup finds nothing or fails', () => {
    const q = { ...base, title: 'Hvordan opretter man en begivenhed?' };
    expect(screenReport(q, noFaq)[0]).toMatchObject({ code: 'how_to' });
    expect(screenReport(q, noFaq)[0]).not.toHaveProperty('faq');
    expect(screenReport(q, () => { throw new Error('down'); })[0]?.code).toBe('how_to');
  });

  it.each([
    { area: 'widgets' as const },
    { title: 'Skemabrikken viser ikke dagens timer' },
    { whatHappened: 'Elevernes skema er tomt på overblikket siden mandag.' },
    { whatHappened: 'Ugeplanen fra læringsplatformen vises ikke.' },
    { title: 'Timetable widget error' },
  ])('points widget faults to the vendor: %j', (fields) => {
    const advice = screenReport({ ...base, ...fields }, noFaq).find((a) => a.code === 'widget_vendor');
    expect(advice?.message).toMatch(/leverandør/);
    expect(advice?.message).toMatch(/kommune eller skole ved, hvem/);
  });

  it.each([
    'Eleven kan ikke logge ind med sit UNI-Login',
    'Har glemt adgangskode til unilogin',
    'Forkert brugernavn eller adgangskode ved UNI login',
    'UNILOGIN afviser kodeordet',
  ])('points UNI-Login problems to STIL: %j', (title) => {
    const advice = screenReport({ ...base, area: 'login', title }, noFaq).find((a) => a.code === 'unilogin_stil');
    expect(advice?.message).toContain('STIL (Styrelsen for IT og Læring)');
    expect(advice?.message).toContain('UNI-Login-administrator');
  });

  it.each([
    'Elevens navn er stavet forkert i Aula',
    'Barnet står i forkert klasse',
    'Efternavnet på moren vises forkert',
    'Far har forkerte relationer til børnene',
    'Forælderen mangler relation til sit barn',
    'Fejlstavet fornavn på medarbejder',
  ])('points wrong names, classes and relations to the source system: %j', (title) => {
    const advice = screenReport({ ...base, area: 'profil', title }, noFaq).find((a) => a.code === 'wrong_name_source_system');
    expect(advice?.message).toMatch(/elevadministrationssystemet eller dagtilbudssystemet/);
  });

  it.each([
    'Ønske: mulighed for at fastgøre beskeder',
    'Vi vil gerne have en mørk tilstand i appen',
    'Forslag til kalenderen',
    'Kunne det ikke være muligt at eksportere galleriet?',
    'Der mangler en funktion til at sende SMS',
    'Ny funktion: læsekvittering',
    'Forældrene oensker besked ved nye billeder',
  ])('points feature requests to the municipality’s Aula project lead: %j', (title) => {
    const advice = screenReport({ ...base, title }, noFaq).find((a) => a.code === 'feature_request');
    expect(advice?.message).toContain('Aula-projektleder');
    expect(advice?.message).toContain('KOMBIT');
  });

  it('can give several pieces of advice in a fixed order', () => {
    expect(codes({ ...base, area: 'widgets', title: 'Hvordan får jeg skemaet med UNI-login?' })).toEqual(['how_to', 'widget_vendor', 'unilogin_stil']);
  });

  it('copes with an empty or huge draft', () => {
    expect(screenReport({}, noFaq)).toEqual([]);
    expect(codes({ whatHappened: 'x'.repeat(1_000_000) + ' widget' })).toEqual([]);
  });
});
