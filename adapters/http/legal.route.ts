import type { ServerResponse } from 'node:http';
import type { Config } from '../../src/config/config.js';
import type { HttpServer } from './http.server.js';

/** What the Teams manifest's privacyUrl and termsOfUseUrl point at: plain Danish pages served by the bot itself. */
export const LEGAL_PATHS = { privacy: '/privatliv', terms: '/vilkaar' } as const;

export function defaultPrivacyText(retentionDays: number): string {
  return [
    'Aula-supportbotten hjælper kommunens medarbejdere med spørgsmål om Aula og tager imod fejlrapporter, som kommunens supportberettigede sender videre til Netcompany.',
    'Botten gemmer dit navn, din e-mail og din bruger-id i Teams eller Slack, så den kan genkende dig og give dig besked. Den gemmer de spørgsmål, du stiller, for at gøre svarene bedre.',
    'Fejlrapporter gemmes med det, du skriver i dem. Noget, der ligner et CPR-nummer, skjules, før det gemmes. En godkendt rapport sendes til Netcompanys tekniske service desk.',
    `Afsluttede rapporter anonymiseres ${retentionDays} dage efter, at de er lukket.`,
    'Har du spørgsmål om dine oplysninger, så kontakt din kommunes Aula-support eller kommunens databeskyttelsesrådgiver.',
  ].join('\n\n');
}

export const DEFAULT_TERMS_TEXT = [
  'Aula-supportbotten er et hjælpeværktøj for kommunens medarbejdere. Svarene bygger på kommunens vejledninger og er vejledende.',
  'Fejlrapporter må kun indeholde de oplysninger, der skal til for at forstå fejlen: skriv fulde navne, aldrig CPR-numre, og anonymisér skærmbilleder.',
  'En fejlrapport sendes først til Netcompany, når en af kommunens supportberettigede har godkendt den.',
  'Kan botten ikke hjælpe dig, så kontakt din kommunes Aula-support.',
].join('\n\n');

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A small, self-contained Danish HTML page: one paragraph per blank-line-separated block of `text`. */
export function legalPage(title: string, text: string): string {
  const paragraphs = text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean).map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`);
  return `<!doctype html>\n<html lang="da">\n<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} – Aula-support</title>\n<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5}</style></head>\n<body><h1>${escapeHtml(title)}</h1>\n${paragraphs.join('\n')}\n</body>\n</html>\n`;
}

function sendHtml(res: ServerResponse, html: string): void {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html), 'cache-control': 'public, max-age=300' });
  res.end(html);
}

/** GET /privatliv and GET /vilkaar, with PRIVACY_TEXT and TERMS_TEXT when set, else the defaults above. */
export function mountLegalPages(http: Pick<HttpServer, 'route'>, config: Pick<Config, 'PRIVACY_TEXT' | 'TERMS_TEXT' | 'RETENTION_DAYS'>): void {
  const privacy = legalPage('Privatlivspolitik', config.PRIVACY_TEXT ?? defaultPrivacyText(config.RETENTION_DAYS));
  const terms = legalPage('Vilkår for brug', config.TERMS_TEXT ?? DEFAULT_TERMS_TEXT);
  http.route('GET', LEGAL_PATHS.privacy, (_req, res) => sendHtml(res, privacy));
  http.route('GET', LEGAL_PATHS.terms, (_req, res) => sendHtml(res, terms));
}
