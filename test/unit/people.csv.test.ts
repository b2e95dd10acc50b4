import { describe, expect, it } from 'vitest';
import { decodeCsv, detectSeparator, parseCsv, parsePeopleCsv, people } from '../../src/directory/people.csv.js';

describe('people CSV', () => {
  it('parses RFC 4180 quoting: separators, doubled quotes and line breaks inside quotes', () => {
    const rows = parseCsv('a,"b, c","say ""hi""","two\nlines"\r\nx,y,z,w', ',');
    expect(rows).toEqual([
      { line: 1, cells: ['a', 'b, c', 'say "hi"', 'two\nlines'] },
      { line: 3, cells: ['x', 'y', 'z', 'w'] },
    ]);
  });

  it('detects ";" as Danish Excel writes it, ignoring commas inside quotes', () => {
    expect(detectSeparator('email;navn;kommunekode;rolle\n')).toBe(';');
    expect(detectSeparator('"a;b",c,d\n')).toBe(',');
  });

  it('decodes UTF-8 (with BOM) as UTF-8 and invalid UTF-8 as Windows-1252', () => {
    expect(decodeCsv(Buffer.from('\uFEFFMøller', 'utf8'))).toEqual({ text: 'Møller', encoding: 'utf-8' });
    expect(decodeCsv(Buffer.from('Møller Æblø', 'latin1'))).toEqual({ text: 'Møller Æblø', encoding: 'windows-1252' });
    expect(decodeCsv(Buffer.from('\uFEFFMøller\tx', 'utf16le'))).toEqual({ text: 'Møller\tx', encoding: 'utf-16le' });
  });

  it('maps headers and Danish role names, skips blank rows, keeps physical line numbers', () => {
    const r = parsePeopleCsv('E-mail;Navn;Kommune;Rolle\n;;;\na@b.dk;"Lone, Larsen";461;Superbruger\n');
    expect(r.fatal).toBeUndefined();
    expect(r.rows).toEqual([{ line: 3, email: 'a@b.dk', name: 'Lone, Larsen', municipality: '461', role: 'superuser' }]);
    expect(parsePeopleCsv('foo,bar\n').fatal).toMatch(/kolonnerne skal være email, navn, kommunekode, rolle/);
  });

  it('honours a "sep=;" first line and four-digit kommunekoder', () => {
    const r = parsePeopleCsv('sep=;\nEmail;Navn;Kommunenummer;Rolle\na@b.dk;Lone, Larsen;0461;staff\n');
    expect(r.rows).toEqual([{ line: 3, email: 'a@b.dk', name: 'Lone, Larsen', municipality: '461', role: 'staff' }]);
  });

  it('says "1 person" and "2 personer"', () => {
    expect([people(0), people(1), people(2)]).toEqual(['0 personer', '1 person', '2 personer']);
  });
});
