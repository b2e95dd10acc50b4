import type { ServerResponse } from 'node:http';
import { packageVersion } from '../../src/config/install-root.js';
import type { Core } from '../../src/core.js';
import type { RouteHandler } from './http.server.js';

/**
 * `GET /`: a small Danish page saying what answers here (instead of a JSON 404), with links to
 * health and metrics and the privacy and terms pages the Teams manifest links to (legal.route.ts).
 */
export function homeRoutes(core: Core): [method: string, path: string, handler: RouteHandler][] {
  const version = packageVersion();
  return [
    ['GET', '/', (_req, res) => sendHtml(res, page('Aula-supportbot', `
<p>Her kører Aula-supportbotten, version ${version}. Den svarer på spørgsmål om Aula, modtager fejlrapporter fra superbrugere og sender godkendte rapporter videre til Netcompany.</p>
<p>Du bruger botten i Microsoft Teams eller Slack; der er ikke noget at gøre på denne side.</p>
<ul>
  <li><a href="/healthz">/healthz</a> – driftsstatus (JSON)</li>
  <li><a href="/metrics">/metrics</a> – målinger (Prometheus)</li>
  <li><a href="/privatliv">Privatlivspolitik</a></li>
  <li><a href="/vilkaar">Vilkår for brug</a></li>
</ul>`))],
  ];
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="da">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5}</style></head>
<body><h1>${title}</h1>${body}
</body>
</html>
`;
}

function sendHtml(res: ServerResponse, html: string): void {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html), 'x-content-type-options': 'nosniff' });
  res.end(html);
}
