/** A problem found in the knowledge base, reported as `file:line: message`. */
export interface KnowledgeProblem {
  file: string;
  line: number;
  message: string;
}

export function formatProblem(p: KnowledgeProblem): string {
  return `${p.file}:${p.line}: ${p.message}`;
}
