import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/knowledge.loader.js';
import { DataAnswers } from '../../src/faq/data-answers.js';

const kb = loadKnowledge('knowledge');
const data = new DataAnswers(kb.municipalities, kb.waves);

describe('answers generated from the seat table', () => {
  it('has the 98 municipalities and 719 seats of the memo', () => {
    expect(kb.municipalities).toHaveLength(98);
    expect(kb.municipalities.reduce((s, m) => s + m.seats, 0)).toBe(719);
  });

  it.each([
    ['Hvor mange supportberettigede har Odense?', 'data-seats-461', '15'],
    ['hvor mange supportberettigede brugere har aeroe kommune', 'data-seats-492', '3'],
    ['Antal supportberettigede i Århus', 'data-seats-751', '15'],
    ['supportberettigede københavns kommune', 'data-seats-101', '15'],
    ['hvor mange pladser har Lyngby-Taarbæk til support', 'data-seats-173', '10'],
    ['hvor mange supportberettigede har Silkebrog', 'data-seats-740', '12'],
    ['hvor mange supportberettigede har Frederiksbrg', 'data-seats-147', '12'],
    ['supportberettigede i Svendborgg', 'data-seats-479', '7'],
    ['supportberettigede i Svemdborg', 'data-seats-479', '7'],
  ])('%s', (q, id, seats) => {
    const a = data.answer(q);
    expect(a?.id).toBe(id);
    expect(a?.text).toContain(`**${seats}**`);
  });

  it('answers the national total from the table', () => {
    const a = data.answer('Hvor mange supportberettigede er der i alt i Danmark?');
    expect(a?.id).toBe('data-seats-total');
    expect(a?.text).toContain('**719**');
    expect(a?.text).toContain('**98**');
  });

  it('lists the municipalities with a given number of seats', () => {
    const a = data.answer('Hvilke kommuner har 15 supportberettigede?');
    expect(a?.id).toBe('data-seats-count-15');
    for (const name of ['København', 'Odense', 'Aalborg', 'Aarhus']) expect(a?.text).toContain(name);
    expect(data.answer('hvilke kommuner har færrest supportberettigede')?.text).toMatch(/Fanø.*Læsø.*Samsø.*Ærø|Ærø/);
  });

  it('sums a region', () => {
    const a = data.answer('hvor mange supportberettigede er der i region nordjylland');
    const expected = kb.municipalities.filter((m) => m.region === 'Region Nordjylland').reduce((s, m) => s + m.seats, 0);
    expect(a?.text).toContain(`**${expected}**`);
  });

  it('leaves general questions to the FAQ search', () => {
    expect(data.answer('Hvordan er antallet af supportberettigede beregnet?')).toBeUndefined();
    expect(data.answer('Hvem må kontakte Netcompany?')).toBeUndefined();
  });
});

describe('answers generated from the wave table', () => {
  it.each([
    ['Hvornår fik forældre i Region Sjælland adgang til Aula?', 'data-waves-5', '25. januar 2021'],
    ['hvornaar startede udrulningen i nordjylland', 'data-waves-1', '1. september 2020'],
    ['Hvornår fik medarbejdere i Odense adgang i dagtilbud?', 'data-waves-4', '14. december 2020'],
    ['hvornår var bølge 3', 'data-waves-3', 'Region Midtjylland'],
  ])('%s', (q, id, fact) => {
    const a = data.answer(q);
    expect(a?.id).toBe(id);
    expect(a?.text).toContain(fact);
  });

  it('lists all waves when asked without a region', () => {
    expect(data.answer('Hvad var datoerne for alle bølger?')?.id).toBe('data-waves-all');
  });
});
