import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildTeamsPackage, fillManifest, manifestTemplate, validateManifest } from '../../adapters/teams/teams.package.js';

const env = { MICROSOFT_APP_ID: '11111111-2222-3333-4444-555555555555', BOT_DOMAIN: 'aula-bot.kommune.dk' };

function pngSize(bytes: Uint8Array): [number, number] {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return [v.getUint32(16), v.getUint32(20)];
}

describe('Teams app package', () => {
  it('the filled manifest validates against the Teams JSON schema (copy kept in the repo)', () => {
    const manifest = fillManifest(manifestTemplate(), env);
    expect(validateManifest(manifest)).toEqual([]);
    expect(manifest).toMatchObject({ manifestVersion: '1.29', id: env.MICROSOFT_APP_ID, bots: [{ botId: env.MICROSOFT_APP_ID }], validDomains: [env.BOT_DOMAIN] });
    const commands = (manifest.bots as { commandLists: { commands: { title: string }[] }[] }[])[0]!.commandLists[0]!.commands.map((c) => c.title);
    expect(commands).toContain('fejl');
  });

  it('the schema check catches a broken manifest', () => {
    const manifest = fillManifest(manifestTemplate(), env);
    expect(validateManifest({ ...manifest, accentColor: 'blå', bots: 'nej' }).length).toBeGreaterThan(0);
  });

  it('names every missing environment variable', () => {
    expect(() => fillManifest(manifestTemplate(), {})).toThrow(/MICROSOFT_APP_ID[\s\S]*BOT_DOMAIN/);
  });

  it('builds a zip with the manifest and icons of the right sizes', () => {
    const files = unzipSync(buildTeamsPackage(env).zip);
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect(JSON.parse(strFromU8(files['manifest.json']!))).toMatchObject({ id: env.MICROSOFT_APP_ID });
    expect(pngSize(files['color.png']!)).toEqual([192, 192]);
    expect(pngSize(files['outline.png']!)).toEqual([32, 32]);
  });
});
