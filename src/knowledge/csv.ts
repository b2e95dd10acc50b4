import type { KnowledgeProblem } from './problem.js';

export interface CsvRow {
  line: number;
  values: Record<string, string>;
}

/**
 * Parse a simple comma-separated file (no quoting: values never contain commas).
 * Rows with the wrong number of columns are reported, not guessed at.
 */
export function parseSimpleCsv(text: string, file: string, problems: KnowledgeProblem[]): { header: string[]; rows: CsvRow[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((h) => h.trim());
  const rows: CsvRow[] = [];
  lines.slice(1).forEach((raw, i) => {
    const line = i + 2;
    if (raw.trim() === '') return;
    const cells = raw.split(',').map((c) => c.trim());
    if (cells.length !== header.length) {
      problems.push({ file, line, message: `forventede ${header.length} kolonner (${header.join(', ')}), fandt ${cells.length}` });
      return;
    }
    rows.push({ line, values: Object.fromEntries(header.map((h, j) => [h, cells[j] ?? ''])) });
  });
  return { header, rows };
}
