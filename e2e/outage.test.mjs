// A member of staff in Tasklist while the database is out of reach (PostgreSQL refusing connections and ending the
// open ones, as while it restarts), and after it is back. e2e/run.sh runs it against a node on a throwaway
// PostgreSQL database (PUJIANG_DB), which the test takes away and gives back with psql.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openBrowser, Tasklist } from './tasklist.mjs';

const BASE_URL = process.env.PUJIANG_URL ?? 'http://localhost:18080';
const DATABASE = process.env.PUJIANG_DB;
const SHOTS = process.env.E2E_SHOTS
  ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'target', 'e2e');

let browser;

before(async () => {
  assert.ok(DATABASE, 'PUJIANG_DB names the node\'s PostgreSQL database');
  fs.mkdirSync(SHOTS, { recursive: true });
  browser = await openBrowser();
});

after(async () => {
  allowConnections(true);
  await browser?.close();
});

function allowConnections(allowed) {
  const sql = [`alter database ${DATABASE} allow_connections ${allowed}`];
  if (!allowed) {
    sql.push(`select pg_terminate_backend(pid) from pg_stat_activity where datname = '${DATABASE}'`);
  }
  for (const statement of sql) {
    execFileSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-X', '-q', '-d', 'postgres', '-c', statement]);
  }
}

async function ready() {
  const until = Date.now() + 60_000;
  for (;;) {
    const answer = await fetch(`${BASE_URL}/actuator/health/readiness`).catch(() => null);
    if (answer?.status === 200) {
      return;
    }
    assert.ok(Date.now() < until, 'the node ready again within a minute');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

test('Tasklist says in Chinese that the database is out of reach, and goes on in the same session afterwards',
  async () => {
    const page = await browser.context.newPage();
    const desk = new Tasklist(page, { baseUrl: BASE_URL, shots: SHOTS, prefix: 'outage' });
    await desk.login('leader');
    await desk.screenshot('logged-in');

    allowConnections(false);
    try {
      // The leader opens another list: Tasklist asks for its tasks and shows the answer's message.
      await desk.filter('全部任务').locator('h4.name a').click();
      const refusal = page.locator('.alert-danger', { hasText: '系统暂时无法访问数据库' });
      await refusal.waitFor();
      await desk.screenshot('list-refused');
      // Opened anew, Tasklist is a page saying the same, which reloads itself.
      const answer = await page.reload();
      assert.equal(answer.status(), 503);
      assert.match(await page.locator('body').innerText(), /服务暂时不可用[\s\S]*系统暂时无法访问数据库/);
      await desk.screenshot('page-refused');
    } finally {
      allowConnections(true);
    }

    // Back: the same session, still logged in, and the list the leader opened shows its tasks again (the demo's
    // case waiting for the leader among them).
    await ready();
    await page.reload();
    await desk.filter('我的任务').waitFor();
    assert.match(await page.locator('.account .dropdown-toggle').innerText(), /接访领导/);
    await desk.filter('全部任务').locator('h4.name a').click();
    await page.locator('ol.tasks-list > li.task').first().waitFor();
    await desk.screenshot('back');
    assert.deepEqual(await page.locator('.alert-danger:visible').allInnerTexts(), []);
  });
