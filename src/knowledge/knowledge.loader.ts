import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative, basename, dirname, sep } from 'node:path';
import { entryFrontMatterSchema, type FaqEntry } from './entry.schema.js';
import { parseMarkdownWithFrontMatter } from './frontmatter.js';
import { parseMunicipalities, type Municipality } from './municipalities.js';
import { parseWaves, type Wave } from './waves.js';
import type { KnowledgeProblem } from './problem.js';
import { datedClaim, parseSources, resolveSource, urlIndex, type SourceInfo, type SourceRegistry } from './sources.js';
import { notForProblems } from '../search/not-for.js';

/** Everything the bot answers from, loaded and validated. */
export interface KnowledgeBase {
  entries: FaqEntry[];
  municipalities: Municipality[];
  waves: Wave[];
  /** The readable sources entries cite by id (`data/sources.yaml`). */
  sources: SourceRegistry;
  problems: KnowledgeProblem[];
  /** Identifies this version of the files (paths, sizes and mtimes). */
  signature: string;
}

const MUNICIPALITIES_FILE = join('data', 'municipalities.csv');
const WAVES_FILE = join('data', 'waves.csv');
const SOURCES_FILE = join('data', 'sources.yaml');

function listMarkdown(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, name.name);
    if (name.isDirectory()) out.push(...listMarkdown(full));
    else if (name.isFile() && name.name.endsWith('.md')) out.push(full);
  }
  return out.sort();
}

/** Cheap fingerprint of the knowledge files, used to notice edits without re-reading them. */
export function knowledgeSignature(dir: string): string {
  const files = [...listMarkdown(join(dir, 'faq')), join(dir, MUNICIPALITIES_FILE), join(dir, WAVES_FILE), join(dir, SOURCES_FILE)];
  return files
    .map((f) => {
      try {
        const s = statSync(f);
        return `${f}:${s.size}:${s.mtimeMs}`;
      } catch {
        return `${f}:missing`;
      }
    })
    .join('|');
}

const NO_SOURCES: SourceRegistry = new Map<string, SourceInfo>();

/** Parse one FAQ Markdown file; problems are appended, never thrown. Sources are resolved against `registry`. */
export function parseEntry(text: string, file: string, problems: KnowledgeProblem[], registry: SourceRegistry = NO_SOURCES, byUrl = urlIndex(registry)): FaqEntry | undefined {
  const parsed = parseMarkdownWithFrontMatter(text);
  for (const p of parsed.problems) problems.push({ file, ...p });
  if (parsed.problems.length) return undefined;
  const result = entryFrontMatterSchema.safeParse(parsed.data ?? {});
  let ok = true;
  if (!result.success) {
    ok = false;
    for (const issue of result.error.issues) {
      const key = issue.path[0];
      const message = issue.code === 'unrecognized_keys' ? `ukendt felt: ${issue.keys.join(', ')}` : issue.message;
      problems.push({ file, line: parsed.lineOf(issue.code === 'unrecognized_keys' ? issue.keys[0] : key), message });
    }
  }
  if (parsed.body.replace(/<!--[\s\S]*?-->/g, '').trim() === '') {
    ok = false;
    problems.push({ file, line: parsed.bodyLine, message: 'svaret er tomt: skriv svaret under front matter' });
  }
  if (!result.success || !ok) return undefined;
  const fm = result.data;
  const expectedId = basename(file, '.md');
  if (fm.id !== expectedId) problems.push({ file, line: parsed.lineOf('id'), message: `id "${fm.id}" skal være lig filnavnet "${expectedId}"` });
  const folder = basename(dirname(file));
  if (folder !== 'faq' && fm.category !== folder) problems.push({ file, line: parsed.lineOf('category'), message: `category "${fm.category}" skal være lig mappen "${folder}"` });
  if (!fm.title.trim().endsWith('?')) problems.push({ file, line: parsed.lineOf('title'), message: 'title skal være et spørgsmål og slutte med ?' });
  const sourceRefs = Array.isArray(fm.source) ? fm.source : [fm.source];
  const sources = sourceRefs.map((raw) => {
    const r = resolveSource(raw, registry, byUrl);
    if (r.problem) problems.push({ file, line: parsed.lineOf('source'), message: r.problem });
    return r.label;
  });
  for (const message of notForProblems({ title: fm.title, alternatives: fm.alternatives, ...(fm.not_for ? { notFor: fm.not_for } : {}) })) problems.push({ file, line: parsed.lineOf('not_for'), message });
  const dated = fm.as_of ? undefined : datedClaim(parsed.body);
  if (dated) problems.push({ file, line: parsed.bodyLine, message: `svaret afhænger af tidspunktet ("${dated}"): angiv as_of (ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD)` });
  return {
    id: fm.id,
    title: fm.title.trim(),
    alternatives: fm.alternatives,
    category: fm.category,
    tags: fm.tags,
    audience: fm.audience,
    sources,
    sourceRefs,
    ...(fm.as_of ? { asOf: fm.as_of } : {}),
    ...(fm.not_for?.length ? { notFor: fm.not_for } : {}),
    ...(fm.asks?.length ? { asks: fm.asks } : {}),
    body: parsed.body,
    file,
  };
}

function readOptional(path: string, file: string, problems: KnowledgeProblem[]): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    problems.push({ file, line: 1, message: 'filen mangler' });
    return undefined;
  }
}

/** Load and validate the whole knowledge directory. Never throws for bad content. */
export function loadKnowledge(dir: string): KnowledgeBase {
  const problems: KnowledgeProblem[] = [];
  const signature = knowledgeSignature(dir);
  const rel = (p: string) => relative(process.cwd(), p).split(sep).join('/') || p;
  const entries: FaqEntry[] = [];
  const firstById = new Map<string, FaqEntry>();
  const files = listMarkdown(join(dir, 'faq'));
  if (!existsSync(dir)) problems.push({ file: rel(dir), line: 1, message: 'mappen findes ikke (sæt KNOWLEDGE_DIR)' });
  // The registry is optional: without it, entries may still cite URLs or free text, but no ids.
  const sourcesPath = join(dir, SOURCES_FILE);
  const sources = existsSync(sourcesPath) ? parseSources(readFileSync(sourcesPath, 'utf8'), rel(sourcesPath), problems) : new Map<string, SourceInfo>();
  const byUrl = urlIndex(sources);
  for (const path of files) {
    const file = rel(path);
    const entry = parseEntry(readFileSync(path, 'utf8'), file, problems, sources, byUrl);
    if (!entry) continue;
    const first = firstById.get(entry.id);
    if (first) {
      const line = parseMarkdownWithFrontMatter(readFileSync(path, 'utf8')).lineOf('id');
      problems.push({ file, line, message: `id "${entry.id}" findes allerede i ${first.file}` });
      continue;
    }
    firstById.set(entry.id, entry);
    entries.push(entry);
  }
  const munFile = rel(join(dir, MUNICIPALITIES_FILE));
  const munText = readOptional(join(dir, MUNICIPALITIES_FILE), munFile, problems);
  const municipalities = munText === undefined ? [] : parseMunicipalities(munText, munFile, problems);
  const wavesFile = rel(join(dir, WAVES_FILE));
  const wavesText = readOptional(join(dir, WAVES_FILE), wavesFile, problems);
  const waves = wavesText === undefined ? [] : parseWaves(wavesText, wavesFile, problems);
  return { entries, municipalities, waves, sources, problems, signature };
}
