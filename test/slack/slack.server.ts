import { afterAll, beforeAll } from 'vitest';
import { HttpServer } from '../../adapters/http/http.server.js';
import { mountSlack, type SlackAdapter } from '../../adapters/slack/slack.app.js';
import { testCore } from '../harness/core.harness.js';
import { FakeSlack } from './fake-slack.js';

export const SLACK_TEST_SECRET = 'slack-signing-secret-for-tests';

export interface SlackServer {
  fake: FakeSlack;
  core: ReturnType<typeof testCore>;
  http: HttpServer;
  slack: SlackAdapter;
  base: string;
}

/**
 * The whole bot over real HTTP with Slack mounted against a fake Slack Web API, started before the
 * file's tests and stopped after them. Fields are set once `beforeAll` has run.
 */
export function useSlackServer(): SlackServer {
  const s = { fake: new FakeSlack() } as SlackServer;
  beforeAll(async () => {
    await s.fake.start();
    s.core = testCore({ SLACK_SIGNING_SECRET: SLACK_TEST_SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: `${s.fake.url}/api/` });
    s.http = new HttpServer(s.core);
    s.slack = mountSlack(s.core, s.http, { notifyIntervalMs: 60_000 })!;
    s.base = `http://127.0.0.1:${await s.http.listen(0, '127.0.0.1')}`;
  });
  afterAll(async () => {
    await s.slack.stop();
    await s.http.close();
    await s.core.close();
    await s.fake.stop();
  });
  return s;
}
