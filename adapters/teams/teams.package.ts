import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { zipSync, strToU8 } from 'fflate';

// CommonJS packages: load them the CommonJS way so their default export is the class/function.
const require = createRequire(import.meta.url);
const Ajv04 = require('ajv-draft-04') as typeof import('ajv-draft-04').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;

/** manifest/teams, found from the source file (tests) or from its compiled copy under dist/. */
const DIR = ['../../manifest/teams/', '../../../manifest/teams/'].map((p) => fileURLToPath(new URL(p, import.meta.url))).find((d) => existsSync(`${d}manifest.json`)) ?? 'manifest/teams/';

/** Placeholders in manifest/teams/manifest.json, with defaults where one is sensible. */
export const PLACEHOLDERS: Record<string, { from: string[]; fallback?: string; hint: string }> = {
  MICROSOFT_APP_ID: { from: ['MICROSOFT_APP_ID'], hint: 'the Entra app (client) id of the bot registration' },
  TEAMS_APP_ID: { from: ['TEAMS_APP_ID', 'MICROSOFT_APP_ID'], hint: 'a GUID for the Teams app (defaults to MICROSOFT_APP_ID)' },
  BOT_DOMAIN: { from: ['BOT_DOMAIN'], hint: 'the public host of the server, e.g. aula-bot.kommune.dk' },
  TEAMS_DEVELOPER_NAME: { from: ['TEAMS_DEVELOPER_NAME'], fallback: 'Kommunens Aula-support', hint: 'who publishes the app' },
};

export function manifestTemplate(): string {
  return readFileSync(`${DIR}manifest.json`, 'utf8');
}

/** Fill the placeholders from the environment; throws naming every missing variable. */
export function fillManifest(template: string, env: NodeJS.ProcessEnv): Record<string, unknown> {
  const missing: string[] = [];
  const filled = template.replace(/\$\{\{(\w+)\}\}/g, (_m, name: string) => {
    const p = PLACEHOLDERS[name];
    const value = p?.from.map((v) => env[v]).find((v) => v) ?? p?.fallback;
    if (!value) missing.push(`${p?.from[0] ?? name} (${p?.hint ?? 'placeholder'})`);
    return value ?? '';
  });
  if (missing.length) throw new Error(`Set these environment variables to build the Teams package:\n  ${[...new Set(missing)].join('\n  ')}`);
  return JSON.parse(filled) as Record<string, unknown>;
}

/** Validate against the copy of the Teams manifest schema kept in manifest/teams/schema. */
export function validateManifest(manifest: unknown): string[] {
  const schema = JSON.parse(readFileSync(`${DIR}schema/MicrosoftTeams.v1.29.schema.json`, 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv04({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return validate(manifest) ? [] : (validate.errors ?? []).map((e: { instancePath: string; message?: string }) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}

/** The app package Teams admins upload: manifest.json plus both icons, zipped. */
export function buildTeamsPackage(env: NodeJS.ProcessEnv): { manifest: Record<string, unknown>; zip: Uint8Array } {
  const manifest = fillManifest(manifestTemplate(), env);
  const errors = validateManifest(manifest);
  if (errors.length) throw new Error(`The Teams manifest does not match its schema:\n  ${errors.join('\n  ')}`);
  const zip = zipSync({
    'manifest.json': strToU8(JSON.stringify(manifest, null, 2)),
    'color.png': readFileSync(`${DIR}color.png`),
    'outline.png': readFileSync(`${DIR}outline.png`),
  });
  return { manifest, zip };
}
