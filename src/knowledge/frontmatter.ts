import { LineCounter, parseDocument } from 'yaml';

export interface FrontMatterProblem {
  line: number;
  message: string;
}

export interface ParsedMarkdown {
  data: unknown;
  body: string;
  /** 1-based line of the body's first line. */
  bodyLine: number;
  /** Line of a top-level front-matter key, for error reports. */
  lineOf(key: string | number | undefined): number;
  problems: FrontMatterProblem[];
}

/** Split `---` front matter from a Markdown file and parse it, keeping line numbers. */
export function parseMarkdownWithFrontMatter(text: string): ParsedMarkdown {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trim() !== '---') {
    return { data: undefined, body: text, bodyLine: 1, lineOf: () => 1, problems: [{ line: 1, message: 'filen skal starte med front matter (---)' }] };
  }
  const end = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
  if (end < 0) {
    return { data: undefined, body: '', bodyLine: lines.length, lineOf: () => 1, problems: [{ line: 1, message: 'front matter er ikke afsluttet med ---' }] };
  }
  const yamlText = lines.slice(1, end).join('\n');
  const counter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: counter, prettyErrors: false });
  const problems: FrontMatterProblem[] = doc.errors.map((e) => ({
    line: 1 + (e.linePos?.[0]?.line ?? 1),
    message: `ugyldig YAML: ${e.message.split('\n')[0]}`,
  }));
  const lineOf = (key: string | number | undefined): number => {
    if (key === undefined) return 1;
    const node = doc.contents as { items?: { key?: { value?: unknown; range?: [number, number, number] } }[] } | null;
    const pair = node?.items?.find((p) => p.key?.value === key);
    const offset = pair?.key?.range?.[0];
    return offset === undefined ? 1 : 1 + counter.linePos(offset).line;
  };
  return {
    data: problems.length ? undefined : doc.toJS(),
    body: lines.slice(end + 1).join('\n').trim(),
    bodyLine: end + 2,
    lineOf,
    problems,
  };
}
