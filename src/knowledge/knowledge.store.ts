import { FaqSearch } from '../search/faq.search.js';
import type { SearchOptions } from '../search/search.types.js';
import { DataAnswers } from '../faq/data-answers.js';
import type { FaqEntry } from './entry.schema.js';
import { knowledgeSignature, loadKnowledge, type KnowledgeBase } from './knowledge.loader.js';
import type { KnowledgeProblem } from './problem.js';

/** One consistent version of the knowledge base with its search index. */
export interface KnowledgeSnapshot {
  kb: KnowledgeBase;
  search: FaqSearch;
  data: DataAnswers;
  byId: ReadonlyMap<string, FaqEntry>;
  loadedAt: Date;
}

export interface KnowledgeStoreEvents {
  onReload?(snapshot: KnowledgeSnapshot): void;
  onProblems?(problems: readonly KnowledgeProblem[]): void;
}

export function buildSnapshot(kb: KnowledgeBase, searchOptions?: Partial<SearchOptions>): KnowledgeSnapshot {
  return {
    kb,
    search: new FaqSearch(kb.entries, searchOptions),
    data: new DataAnswers(kb.municipalities, kb.waves),
    byId: new Map(kb.entries.map((e) => [e.id, e])),
    loadedAt: new Date(),
  };
}

/**
 * Holds the current knowledge snapshot and swaps in a new one when the files change, so the
 * running bot picks up edits without a restart. A broken edit never replaces a good snapshot.
 */
export class KnowledgeStore {
  private snapshot: KnowledgeSnapshot;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly dir: string, private readonly events: KnowledgeStoreEvents = {}, private readonly searchOptions?: Partial<SearchOptions>) {
    const kb = loadKnowledge(dir);
    if (kb.problems.length) events.onProblems?.(kb.problems);
    this.snapshot = buildSnapshot(kb, searchOptions);
  }

  current(): KnowledgeSnapshot {
    return this.snapshot;
  }

  /** Reload if the files changed. Returns true when a new snapshot was installed. */
  reloadIfChanged(): boolean {
    if (knowledgeSignature(this.dir) === this.snapshot.kb.signature) return false;
    const kb = loadKnowledge(this.dir);
    if (kb.problems.length) this.events.onProblems?.(kb.problems);
    const errorsInEntries = kb.problems.length > 0 && kb.entries.length === 0;
    if (errorsInEntries || kb.municipalities.length === 0) return false;
    this.snapshot = buildSnapshot(kb, this.searchOptions);
    this.events.onReload?.(this.snapshot);
    return true;
  }

  /** Poll for changes every `intervalMs` (polling is reliable on every file system). */
  watch(intervalMs: number): void {
    this.stop();
    this.timer = setInterval(() => this.reloadIfChanged(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
