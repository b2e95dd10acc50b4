import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clean, cleanText } from '../../src/privacy/clean.js';
import { CPR_MASK, maskCpr } from '../../src/privacy/cpr.js';
import { normaliseText } from '../../src/privacy/normalise.js';
import { cprSpelling } from './cpr-spellings.js';

const SEED = 20261130;
/** Text around the number that cannot glue extra digits onto it. */
const words = fc.string({ maxLength: 30 }).map((s) => normaliseText(s).replace(/\d/g, ''));

describe('CPR numbers in every spelling (issue 11 item 5b)', () => {
  it.each([
    ['150220 - 7710'],
    ['15.02.14-7704'],
    ['15 02 15 7705'],
    ['150224/7714'],
    ['150220\u20137710'],
    ['150220\u20147710'],
    ['1502\u00AD20-7710'],
    ['150\u200B220-7710'],
    ['150220-\n7710'],
    ['\uFF11\uFF15\uFF10\uFF12\uFF12\uFF10-\uFF17\uFF17\uFF11\uFF10'],
    ['\u0661\u0665\u0660\u0662\u0662\u0660-\u0667\u0667\u0661\u0660'],
    ['1\u0665\uFF10220 \u2013 77\u06F10'],
  ])('masks %j', (spelled) => {
    const r = cleanText(`Barnet ${spelled} er syg`);
    expect(r.masked).toBe(1);
    expect(r.text).toBe(`Barnet ${CPR_MASK} er syg`);
  });

  it.each([
    ['dato 15.02.2024'],
    ['fra 01.02.2024 til 15.03.2024'],
    ['15.02.2024-16.02.2024'],
    ['ring 12345678'],
    ['tlf. 12 34 56 78'],
    ['+45 20 12 34 56'],
    ['kl. 14:30'],
    ['2026-11-23 14:30'],
    ['2026-11-23T14:30:00.000Z'],
    ['AULA-2026-000123'],
    ['institutionsnummer 280123'],
    ['ordre 9913991234'],
    ['version 2.3.1'],
    ['\uFF11\uFF12\uFF13'],
  ])('leaves ordinary numbers alone: %j', (plain) => {
    const r = cleanText(plain);
    expect(r.masked).toBe(0);
    expect(r.text).toBe(normaliseText(plain));
  });

  it('maps every Unicode decimal digit to ASCII, strips format characters, keeps letters and line breaks', () => {
    expect(normaliseText('\u0660\u0669\u06F5\u0966\u096F\uFF19\u{1D7D8}')).toBe('0950990');
    expect(normaliseText('Søby\u00AD Skole\u200B\nÆrø')).toBe('Søby Skole\nÆrø');
  });

  it('masks every generated spelling inside any text, and cleaning is idempotent', () => {
    fc.assert(
      fc.property(words, cprSpelling, words, (a, c, b) => {
        const r = cleanText(`${a} ${c.text} ${b}`);
        expect(r.masked).toBeGreaterThanOrEqual(1);
        expect(r.text).not.toMatch(new RegExp(c.digits.split('').join(String.raw`\D{0,4}`)));
        expect(clean(r.text)).toBe(r.text);
        expect(maskCpr(c.text).text).toBe(CPR_MASK);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });
});
