import { escapeMarkdown } from '../text/markup.js';
/** A municipality's own Aula support, when its administrators have described it. */
export interface MunicipalSupport {
  municipality: string;
  /** As the administrator wrote it (already cleaned); escaped here before it is shown. */
  contact: string;
}

/** Admin-written text shown as text, not as Markdown: no bold, links or mentions sneak in. */

/** The "no answer" text: the asker's municipality's support when known, else the global fallback. */
export function noAnswerText(support: MunicipalSupport | undefined, fallback: string): string {
  if (!support) return fallback;
  return `Det kan jeg desværre ikke svare på. Kontakt ${escapeMarkdown(support.municipality)}s Aula-support, som kan hjælpe dig videre: ${escapeMarkdown(support.contact)}`;
}

/** The line under an answer that did not help. */
export function stillNeedHelpText(support: MunicipalSupport | undefined): string {
  if (!support) return 'Mangler du stadig hjælp, så kontakt din kommunes Aula-support (din superbruger eller den lokale it-support).';
  return `Mangler du stadig hjælp, så kontakt ${escapeMarkdown(support.municipality)}s Aula-support: ${escapeMarkdown(support.contact)}`;
}
