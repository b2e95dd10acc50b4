import { afterAll, beforeAll } from 'vitest';
import { HttpServer } from '../../adapters/http/http.server.js';
import { mountTeams, type TeamsAdapterHandle } from '../../adapters/teams/teams.app.js';
import { OPERATOR, testCore } from '../harness/core.harness.js';
import { TENANT } from './teams.activities.js';
import { FakeConnector } from './fake-connector.js';

export interface TeamsServer {
  connector: FakeConnector;
  core: ReturnType<typeof testCore>;
  http: HttpServer;
  teams: TeamsAdapterHandle;
  base: string;
  /** POST an activity to /api/messages. */
  post(activity: unknown): Promise<Response>;
}

/**
 * The whole bot over real HTTP with Teams in local mode and a fake Bot Connector, started before
 * the file's tests and stopped after them. Fields are set once `beforeAll` has run.
 */
export function useTeamsServer(): TeamsServer {
  const s = { connector: new FakeConnector() } as TeamsServer;
  s.post = (activity) => fetch(`${s.base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  beforeAll(async () => {
    await s.connector.start();
    s.core = testCore();
    s.http = new HttpServer(s.core);
    s.teams = mountTeams(s.core, s.http, { notifyIntervalMs: 60_000 });
    s.base = `http://127.0.0.1:${await s.http.listen(0, '127.0.0.1')}`;
  });
  afterAll(async () => {
    await s.teams.stop();
    await s.http.close();
    await s.core.close();
    await s.connector.stop();
  });
  return s;
}

/** Link each Teams user (in the test tenant) to the registered person with that e-mail; fails the setup if one cannot be linked. */
export function linkTeamsUsers(core: ReturnType<typeof testCore>, links: readonly (readonly [{ aad: string }, string])[]): void {
  for (const [user, email] of links) {
    const r = core.directory.link(OPERATOR, `teams:${TENANT}:${user.aad}`, email);
    if (!r.ok) throw new Error(r.message);
  }
}
