import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throw-away knowledge folder with the real data tables and the given FAQ files. */
export function tempKnowledge(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kb-'));
  cpSync(join(process.cwd(), 'knowledge', 'data'), join(dir, 'data'), { recursive: true });
  for (const [name, text] of Object.entries(files)) writeEntry(dir, name, text);
  return dir;
}

export function writeEntry(dir: string, name: string, text: string): void {
  mkdirSync(join(dir, 'faq', name.split('/')[0]!), { recursive: true });
  writeFileSync(join(dir, 'faq', name), text);
}

/** A valid entry for tests; `extra` adds front-matter lines. */
export function entryText(id: string, opts: { title?: string; body?: string; extra?: string; category?: string } = {}): string {
  return `---
id: ${id}
title: ${opts.title ?? 'Hvad er et godt spørgsmål?'}
alternatives: [godt spørgsmål]
category: ${opts.category ?? 'test'}
tags: [test]
audience: [staff]
source: "seed 000, afsnit 1"
${opts.extra ?? ''}---
${opts.body ?? 'Et godt svar.'}
`;
}
