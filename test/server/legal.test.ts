import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpServer } from '../../adapters/http/http.server.js';
import { legalPage } from '../../adapters/http/legal.route.js';
import { testCore } from '../harness/core.harness.js';

/** Issue 13.12: the Teams manifest's privacyUrl and termsOfUseUrl must not be 404. */
let core: ReturnType<typeof testCore>;
let http: HttpServer;
let base = '';

beforeAll(async () => {
  core = testCore({ TERMS_TEXT: 'Brug botten med omtanke.\n\nSkriv til <it@kommune.dk>.' });
  http = new HttpServer(core);
  base = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}`;
});

afterAll(async () => {
  await http.close();
  await core.close();
});

describe('GET /privatliv and /vilkaar', () => {
  it('serves a Danish privacy page by default, saying what is stored and for how long', async () => {
    const res = await fetch(`${base}/privatliv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    expect(html).toContain('<html lang="da">');
    expect(html).toContain('<h1>Privatlivspolitik</h1>');
    expect(html).toMatch(/ligner et CPR-nummer, skjules/);
    expect(html).toMatch(/anonymiseres 365 dage/);
  });

  it('serves the configured terms text (TERMS_TEXT), escaped, one paragraph per block', async () => {
    const html = await (await fetch(`${base}/vilkaar`)).text();
    expect(html).toContain('<h1>Vilkår for brug</h1>');
    expect(html).toContain('<p>Brug botten med omtanke.</p>');
    expect(html).toContain('<p>Skriv til &lt;it@kommune.dk&gt;.</p>');
  });

  it('never lets configured text become markup', () => {
    expect(legalPage('Vilkår', '<script>alert(1)</script>')).not.toContain('<script>');
  });
});
