/**
 * People CSV as spreadsheets really write it: RFC 4180 quoting (commas, line breaks and doubled
 * quotes inside quotes), `;` as Danish Excel separates, a BOM, CRLF, Windows-1252 bytes and
 * blank rows (`,,,`). Pure functions; the directory service applies the rows.
 */

export interface DecodedCsv {
  text: string;
  encoding: 'utf-8' | 'windows-1252' | 'utf-16le';
}

/** Bytes → text: UTF-8 when the bytes are valid UTF-8, else Windows-1252 (Danish Excel's "CSV (semikolonsepareret)"). */
export function decodeCsv(bytes: Uint8Array): DecodedCsv {
  // Excel's "Unicode-tekst" export: UTF-16 little-endian with a BOM, tab-separated.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: stripBom(new TextDecoder('utf-16le').decode(bytes)), encoding: 'utf-16le' };
  try {
    return { text: stripBom(new TextDecoder('utf-8', { fatal: true }).decode(bytes)), encoding: 'utf-8' };
  } catch {
    return { text: stripBom(new TextDecoder('windows-1252').decode(bytes)), encoding: 'windows-1252' };
  }
}

function stripBom(text: string): string {
  return text.replace(/^\uFEFF/, '');
}

/** The separator of the header line: `;` or `,` (or a tab), whichever occurs most outside quotes. */
export function detectSeparator(text: string): string {
  const counts = new Map<string, number>([[';', 0], [',', 0], ['\t', 0]]);
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const [sep, n] of counts) if (n > (counts.get(best) ?? 0)) best = sep;
  return best;
}

export interface CsvRecord {
  /** The physical line the record starts on (1-based), for error messages. */
  line: number;
  cells: string[];
}

/** Parse CSV text into records (RFC 4180 plus a chosen separator). A stray quote inside an unquoted cell is kept as text. */
export function parseCsv(text: string, separator = detectSeparator(text)): CsvRecord[] {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let atCellStart = true;
  const endCell = () => {
    cells.push(cell);
    cell = '';
    atCellStart = true;
  };
  const endRecord = () => {
    endCell();
    records.push({ line: start, cells });
    cells = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && atCellStart) {
      quoted = true;
      atCellStart = false;
    } else if (ch === separator) endCell();
    else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else {
      cell += ch;
      if (ch !== ' ' && ch !== '\t') atCellStart = false;
    }
  }
  if (cell !== '' || cells.length > 0) endRecord();
  return records;
}

export interface PersonRow {
  line: number;
  email: string;
  name: string;
  municipality: string;
  role: string;
}

/** Column names accepted in the header (Danish first; case and spaces do not matter). */
const COLUMNS = {
  email: ['email', 'e-mail', 'mail', 'e-mailadresse', 'e-mail-adresse', 'emailadresse'],
  name: ['navn', 'name', 'fulde navn', 'fuldt navn'],
  municipality: ['kommunekode', 'kommune', 'kommunenummer', 'kommunenr', 'kommunenr.', 'municipality'],
  role: ['rolle', 'role'],
} as const;

/** Danish role names as an operator writes them → the stored role. */
const ROLE_WORDS: Record<string, string> = {
  medarbejder: 'staff',
  superbruger: 'superuser',
  administrator: 'admin',
  projektleder: 'admin',
};

/** Rows of a people CSV; `fatal` when the header lacks a column (nothing can be imported then). */
export function parsePeopleCsv(text: string): { rows: PersonRow[]; fatal?: string } {
  // Excel honours (and some exports write) a first line "sep=;" naming the separator.
  const sep = /^sep=(.)\r?\n/i.exec(text);
  const records = (sep ? parseCsv(text.slice(sep[0].length), sep[1]).map((r) => ({ ...r, line: r.line + 1 })) : parseCsv(text)).filter((r) => r.cells.some((c) => c.trim() !== ''));
  const header = records[0];
  if (!header) return { rows: [], fatal: 'Filen er tom. Første linje skal være kolonnerne email, navn, kommunekode, rolle.' };
  const names = header.cells.map((h) => h.trim().toLowerCase());
  const index = (k: keyof typeof COLUMNS) => names.findIndex((n) => (COLUMNS[k] as readonly string[]).includes(n));
  const at = { email: index('email'), name: index('name'), municipality: index('municipality'), role: index('role') };
  if (Object.values(at).some((i) => i < 0)) {
    return { rows: [], fatal: `linje ${header.line}: kolonnerne skal være email, navn, kommunekode, rolle (fandt: ${names.join(', ')})` };
  }
  const rows = records.slice(1).map((r) => {
    const get = (i: number) => (r.cells[i] ?? '').trim();
    const role = get(at.role);
    // Some registers write kommunekoder with four digits (0461).
    const municipality = get(at.municipality).replace(/^0(\d{3})$/, '$1');
    return { line: r.line, email: get(at.email), name: get(at.name), municipality, role: ROLE_WORDS[role.toLowerCase()] ?? role.toLowerCase() };
  });
  return { rows };
}

/** "1 person", "2 personer": Danish singular and plural. */
export function people(n: number): string {
  return `${n} ${n === 1 ? 'person' : 'personer'}`;
}
