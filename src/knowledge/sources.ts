import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import type { KnowledgeProblem } from './problem.js';

/** One readable source in `data/sources.yaml`: what a person sees after "Kilde:". */
export interface SourceInfo {
  id: string;
  title: string;
  publisher: string;
  /** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`: when the source was written (or retrieved, if undated). */
  date?: string;
  url?: string;
}

export type SourceRegistry = ReadonlyMap<string, SourceInfo>;

export const SOURCE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)+$/;
/** Seed files are internal: an entry must cite the registry id, never the file name. */
const SEED_FILE = /^\d{3}_[0-9a-f]{16}\.txt$/;
const URL = /^https?:\/\/\S+$/;

const sourceSchema = z
  .object({
    title: z.string({ required_error: 'mangler title' }).trim().min(1, 'title er tom'),
    publisher: z.string({ required_error: 'mangler publisher' }).trim().min(1, 'publisher er tom'),
    date: z
      .union([z.string(), z.number()])
      .transform(String)
      .pipe(z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'date skal være ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD'))
      .optional(),
    url: z.string().regex(URL, 'url skal starte med http:// eller https://').optional(),
  })
  .strict();

/** Parse the source registry (a YAML mapping id → fields); problems are appended, never thrown. */
export function parseSources(text: string, file: string, problems: KnowledgeProblem[]): Map<string, SourceInfo> {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  const out = new Map<string, SourceInfo>();
  for (const e of doc.errors) problems.push({ file, line: counter.linePos(e.pos[0]).line, message: `ugyldig YAML: ${e.message.split('\n')[0]}` });
  if (doc.errors.length) return out;
  const data: unknown = doc.toJS();
  if (data === null || data === undefined) return out;
  if (typeof data !== 'object' || Array.isArray(data)) {
    problems.push({ file, line: 1, message: 'kilderegistret skal være en liste af id: {title, publisher, date, url}' });
    return out;
  }
  const lineOf = (id: string): number => {
    const idx = text.split(/\r?\n/).findIndex((l) => l.startsWith(`${id}:`));
    return idx < 0 ? 1 : idx + 1;
  };
  for (const [id, value] of Object.entries(data as Record<string, unknown>)) {
    if (!SOURCE_ID.test(id)) {
      problems.push({ file, line: lineOf(id), message: `kilde-id "${id}" må kun indeholde a-z, 0-9 og bindestreger (mindst én)` });
      continue;
    }
    const r = sourceSchema.safeParse(value ?? {});
    if (!r.success) {
      for (const issue of r.error.issues) {
        const message = issue.code === 'unrecognized_keys' ? `ukendt felt: ${issue.keys.join(', ')}` : issue.message;
        problems.push({ file, line: lineOf(id), message: `kilde "${id}": ${message}` });
      }
      continue;
    }
    out.set(id, { id, ...r.data });
  }
  return out;
}

/** "KOMBIT: Implementeringshåndbog for dagtilbud (2020)". */
export function sourceLabel(s: SourceInfo): string {
  return `${s.publisher}: ${s.title}${s.date ? ` (${s.date.slice(0, 4)})` : ''}`;
}

/**
 * Resolve one `source` value of an entry to the text people read.
 * A value is `<id or URL>[, <where in it>]`; an id must be in the registry, a seed file name is refused,
 * a URL known to the registry shows its title, free text (tests, notes) is shown as written.
 */
export function resolveSource(raw: string, registry: SourceRegistry, byUrl: ReadonlyMap<string, SourceInfo>): { label: string; problem?: string } {
  const value = raw.trim();
  const comma = value.indexOf(',');
  const head = (comma < 0 ? value : value.slice(0, comma)).trim();
  const locator = comma < 0 ? '' : value.slice(comma + 1).trim();
  const withLocator = (label: string) => (locator ? `${label}, ${locator}` : label);
  if (SEED_FILE.test(head)) return { label: value, problem: `source "${head}" er et internt filnavn: brug et kilde-id fra data/sources.yaml` };
  if (URL.test(head)) {
    const known = byUrl.get(normalizeUrl(head));
    return { label: known ? withLocator(sourceLabel(known)) : value };
  }
  if (SOURCE_ID.test(head)) {
    const known = registry.get(head);
    if (!known) return { label: value, problem: `ukendt kilde-id "${head}": tilføj det i data/sources.yaml` };
    return { label: withLocator(sourceLabel(known)) };
  }
  return { label: value };
}

export function normalizeUrl(url: string): string {
  return url.replace(/^https?:\/\/(www\.)?/, '').replace(/\/+$/, '').toLowerCase();
}

export function urlIndex(registry: SourceRegistry): Map<string, SourceInfo> {
  const m = new Map<string, SourceInfo>();
  for (const s of registry.values()) if (s.url) m.set(normalizeUrl(s.url), s);
  return m;
}

/**
 * A "dated claim" is an answer whose truth depends on when it is read. We flag the narrow, checkable
 * signs of one: a year (1990–2099), "pt."/"p.t.", "i øjeblikket", "for tiden", "indtil videre",
 * "ikke længere", "nuværende", "fremover", "fra og med", or "nu" as a word. Such an entry must carry `as_of`.
 */
const DATED = /\b(19[9]\d|20\d\d)\b|\bp\.?\s?t\.(?=\s|$)|\bi øjeblikket\b|\bfor tiden\b|\bindtil videre\b|\bikke længere\b|\bnuværende\b|\bfremover\b|\bfra og med\b|(?<![\p{L}\d])nu(?![\p{L}\d])/iu;

/** The phrase that makes `body` a dated claim, or undefined. Links and HTML comments are ignored. */
export function datedClaim(body: string): string | undefined {
  const text = body.replace(/<!--[\s\S]*?-->/g, ' ').replace(/\]\([^)]*\)/g, ']').replace(/https?:\/\/\S+/g, ' ');
  return DATED.exec(text)?.[0];
}
