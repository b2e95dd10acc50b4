import fc from 'fast-check';

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export interface CprSpelling {
  /** The ten digits, ASCII, as they would be if written plainly. */
  digits: string;
  /** How it was typed. */
  text: string;
}

/** Digit scripts people paste from: ASCII, full-width, Arabic-Indic, Extended Arabic-Indic, Devanagari. */
const SCRIPTS = [0x30, 0xff10, 0x660, 0x6f0, 0x966];
const DATE_SEPS = ['', '', '.', ' ', '-'];
const SERIAL_SEPS = ['', '-', ' ', ' - ', '/', '\u2013', '\u2014', ' \u2013 ', '\u00AD', '-\u00AD', '-\n', '- \n', '\n', '\u2212', '\uFF0D', '\u2011'];
const INVISIBLE = ['\u200B', '\u00AD', '\u200C', '\u2060', '\uFEFF'];

/**
 * A CPR-like number (valid day and month, any serial) in the spellings of issue 11: dots or
 * spaces in the date, any dash, slash or line break before the serial, soft hyphens and
 * zero-width characters anywhere, and each digit in a script of its own (mixtures).
 */
export const cprSpelling: fc.Arbitrary<CprSpelling> = fc
  .record({
    month: fc.integer({ min: 1, max: 12 }),
    dayPick: fc.integer({ min: 1, max: 31 }),
    year: fc.integer({ min: 0, max: 99 }),
    serial: fc.integer({ min: 0, max: 9999 }),
    dateSep: fc.constantFrom(...DATE_SEPS),
    serialSep: fc.constantFrom(...SERIAL_SEPS),
    scripts: fc.array(fc.constantFrom(...SCRIPTS), { minLength: 10, maxLength: 10 }),
    invisibleAt: fc.option(fc.integer({ min: 1, max: 9 })),
    invisible: fc.constantFrom(...INVISIBLE),
  })
  .map(({ month, dayPick, year, serial, dateSep, serialSep, scripts, invisibleAt, invisible }) => {
    const day = Math.min(dayPick, DAYS[month - 1]!);
    const p = (n: number) => String(n).padStart(2, '0');
    const digits = `${p(day)}${p(month)}${p(year)}${String(serial).padStart(4, '0')}`;
    const glyphs = digits.split('').map((d, i) => String.fromCodePoint(scripts[i]! + Number(d)));
    if (invisibleAt !== null) glyphs[invisibleAt] = `${invisible}${glyphs[invisibleAt]}`;
    const text = `${glyphs[0]}${glyphs[1]}${dateSep}${glyphs[2]}${glyphs[3]}${dateSep}${glyphs[4]}${glyphs[5]}${serialSep}${glyphs.slice(6).join('')}`;
    return { digits, text };
  });
