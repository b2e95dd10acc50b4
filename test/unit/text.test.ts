import { describe, expect, it } from 'vitest';
import { fold, words } from '../../src/text/normalize.js';
import { stems } from '../../src/text/stemmer.js';

describe('Danish text normalisation', () => {
  it('folds case and æ/ø/å to their ASCII spellings', () => {
    expect(fold('Ærø')).toBe('aeroe');
    expect(fold('AERØ')).toBe('aeroe');
    expect(fold('Århus Forældre')).toBe('aarhus foraeldre');
    expect(fold('café')).toBe('cafe');
  });

  it('splits on punctuation', () => {
    expect(words('Hvem må kontakte Netcompany?!')).toEqual(['hvem', 'maa', 'kontakte', 'netcompany']);
  });

  it('stems inflected forms and spellings to the same stem', () => {
    expect(stems('adgangskoden')).toEqual(stems('adgangskode'));
    expect(stems('beskederne')).toEqual(stems('besked'));
    expect(stems('forældre')).toEqual(stems('foraeldre'));
    expect(stems('notifikationer')).toEqual(stems('notifikation'));
  });

  it('drops stop words but keeps content words', () => {
    expect(stems('hvordan kan jeg nulstille min adgangskode')).toEqual(stems('nulstille adgangskode'));
  });
});
