// A member of staff at Camunda Tasklist, in Debian's Chromium: log in, start a process, find a case's task, claim
// it, fill its Camunda Form (form-js) by the labels people read, complete it, log out. Every step leaves a
// screenshot in the shots folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Chromium with a fresh profile, removed again by close(). Its language is English unless asked otherwise:
 * Tasklist must answer in Chinese all the same.
 */
export async function openBrowser({ locale = 'en-US' } = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'pujiang-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    locale,
    viewport: { width: 1400, height: 1000 },
  });
  context.setDefaultTimeout(30_000);
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

export class Tasklist {
  constructor(page, { baseUrl, shots, prefix }) {
    this.page = page;
    this.baseUrl = baseUrl;
    this.shots = shots;
    this.prefix = prefix;
    this.shotNumber = 0;
    this.user = null;
    this.troubles = [];
    page.on('console', (message) => message.type() === 'error' && this.troubles.push(`console: ${message.text()}`));
    page.on('pageerror', (error) => this.troubles.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) => {
      this.troubles.push(`request failed: ${request.url()} ${request.failure()?.errorText}`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400) {
        this.troubles.push(`answered ${response.status()}: ${response.request().method()} ${response.url()}`);
      }
    });
  }

  get url() {
    return `${this.baseUrl}/camunda/app/tasklist/default/`;
  }

  async screenshot(name, page = this.page) {
    this.shotNumber += 1;
    const file = `${this.prefix}-${String(this.shotNumber).padStart(2, '0')}-${name}.png`;
    await page.screenshot({ path: path.join(this.shots, file) });
  }

  /** Logs in as user, does the work and logs out; when the work fails, keeps a screenshot of how it looked. */
  async as(user, work) {
    let result;
    try {
      await this.login(user);
      result = await work();
    } catch (error) {
      await this.screenshot(`${user}-failed`).catch((failure) => console.error(failure));
      console.error(`What the browser reported as ${user}:\n  ${this.troubles.join('\n  ')}`);
      throw error;
    }
    await this.logout();
    return result;
  }

  /** Logs in on the login page, where logout() leaves the browser; opens Tasklist first if need be. */
  async login(user, password = 'demo') {
    const page = this.page;
    const name = page.getByPlaceholder('用户名');
    const secret = page.getByPlaceholder('密码');
    if (!(await name.isVisible())) {
      await page.goto(this.url);
    }
    // The login page puts the cursor into the user name once it is drawn, which may be just while the password
    // is being typed; type both again until each field holds its own.
    await waitUntil(async () => {
      await name.fill(user);
      await secret.fill(password);
      return (await name.inputValue()) === user && (await secret.inputValue()) === password;
    }, 'the login form to take the user');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await this.filter('我的任务').waitFor();
    this.user = user;
  }

  async logout() {
    const page = this.page;
    await page.locator('.account .dropdown-toggle').click();
    await page.getByRole('link', { name: '退出登录', exact: true }).click();
    await page.getByPlaceholder('用户名').waitFor();
    this.user = null;
  }

  /** A filter in the left column, by its name. */
  filter(name) {
    return this.page.locator('.task-filter').filter({ has: this.page.locator('h4.name a', { hasText: name }) });
  }

  /** Opens "启动流程", picks the process by its name and returns its start form. */
  async startForm(processName) {
    const page = this.page;
    await page.getByRole('link', { name: '启动流程' }).click();
    const dialog = page.locator('.modal-dialog');
    const form = new CamundaForm(dialog.locator('form.fjs-form'));
    // The list of processes may be drawn anew just as it is clicked; then the click is lost.
    await clickUntil(dialog.getByRole('link', { name: processName, exact: true }), () => form.root.isVisible(),
      `the start form of ${processName}`);
    return {
      form,
      start: async () => {
        await dialog.getByRole('button', { name: '启动', exact: true }).click();
        await this.notification('流程已启动。');
      },
    };
  }

  /**
   * Opens a case's task: the tasks of a filter, narrowed in the search bar by the case number (the business key)
   * or, before anyone knows the number, by the summary the registrar typed (a process variable). Fails unless
   * Tasklist finds exactly that one task, and checks that the form shown is the case's.
   */
  async openTask({ filter, taskName, caseNumber, summary }) {
    const page = this.page;
    await this.filter(filter).click();
    const found = caseNumber
      ? await this.search('流程实例业务键', caseNumber)
      : await this.search('流程变量', summary, 'summary');
    if (found !== 1) {
      throw new Error(`expected one ${taskName} of ${caseNumber ?? summary} in ${filter}, Tasklist found ${found}`);
    }
    const tasks = page.locator('ol.tasks-list > li.task');
    const task = tasks.filter({ has: page.locator('h4.task', { hasText: taskName }) });
    await waitUntil(async () => (await tasks.count()) === 1 && (await task.count()) === 1, `${taskName} in the list`);
    // A click that lands while Tasklist redraws the list after the search is lost: click until the task opens.
    const details = page.locator('section.task-details h2.task', { hasText: taskName });
    await clickUntil(task.locator('h4.task a'), () => details.isVisible(), `${taskName} opened`);
    const form = new CamundaForm(page.locator('section.task-details form.fjs-form'));
    await form.root.waitFor();
    const [label, value] = caseNumber ? ['案件编号', caseNumber] : ['事项摘要', summary];
    await waitUntil(async () => (await form.value(label)) === value, `${label} ${value} in the form`);
    return form;
  }

  /** Tasks listed in a filter for a case (by its number). */
  async countTasks(filter, caseNumber) {
    const page = this.page;
    await this.filter(filter).click();
    const count = await this.search('流程实例业务键', caseNumber);
    if (count === 0) {
      await page.getByText('没有符合过滤条件的任务。').waitFor();
    } else {
      await waitUntil(async () => (await page.locator('ol.tasks-list > li.task').count()) === count,
        `the list to show ${count} tasks`);
    }
    return count;
  }

  /**
   * Adds a criterion to the search bar above the task list: its type as the bar offers it, for a variable its name,
   * and its value. Each part of the criterion opens for input once the previous one is entered. Returns how many
   * tasks Tasklist found.
   */
  async search(type, value, name) {
    const page = this.page;
    await page.getByPlaceholder('筛选任务').click();
    await page.locator('.search-field .dropdown-menu').getByRole('link', { name: type, exact: true }).click();
    const pill = page.locator('[cam-widget-search-pill]').last();
    if (name) {
      await pill.locator('.name-field input').fill(name);
      await pill.locator('.name-field input').press('Enter');
    }
    const valueInput = pill.locator('.value-field input');
    await valueInput.fill(value);
    const listed = page.waitForResponse((response) => response.url().includes('/list?')
      && (response.request().postData() ?? '').includes(value));
    await valueInput.press('Enter');
    return (await (await listed).json()).count;
  }

  /** Claims the open task unless it is already assigned (to this user, by the process). */
  async claim() {
    const meta = this.page.locator('section.task-details [cam-tasklist-task-meta]');
    const claim = meta.locator('button.claim');
    if (await claim.isVisible()) {
      await claim.click();
    }
    await meta.locator('.assignee').waitFor();
    await claim.waitFor({ state: 'detached' });
  }

  /** Completes the open task; Tasklist then shows no task. Fails with what the form or Tasklist complained of. */
  async complete() {
    const page = this.page;
    const details = page.locator('section.task-details');
    const button = details.locator('.form-actions').getByRole('button', { name: '完成', exact: true });
    await waitUntil(() => button.isEnabled(), 'the complete button');
    await button.click();
    const formErrors = details.locator('.fjs-form-field-error');
    await waitUntil(async () => {
      await this.failOnErrorNotification();
      if (await formErrors.count()) {
        throw new Error(`the form refuses: ${(await formErrors.allInnerTexts()).join(' ')}`);
      }
      return page.getByText('请在列表中选择一个任务。').isVisible();
    }, 'the task to be completed');
  }

  async failOnErrorNotification() {
    const errors = this.page.locator('.page-notifications .alert-danger');
    if (await errors.count()) {
      throw new Error(`Tasklist says: ${(await errors.allInnerTexts()).join(' ')}`);
    }
  }

  /** Waits for a notification and closes it, so that the next one is not confused with it. */
  async notification(text) {
    const page = this.page;
    const shown = page.locator('.page-notifications .alert', { hasText: text });
    await waitUntil(async () => {
      await this.failOnErrorNotification();
      return (await shown.count()) > 0;
    }, `the notification ${text}`);
    await shown.first().locator('.close').click().catch(() => {});
  }
}

/** A Camunda Form as form-js renders it in Tasklist; fields are found by their labels. */
export class CamundaForm {
  constructor(root) {
    this.root = root;
  }

  textbox(label) {
    return this.root.getByRole('textbox', { name: label, exact: true });
  }

  /**
   * Types into a text field, text area or number field. form-js takes the value when the field loses focus; a
   * re-render of the form from a change just before can wipe what was typed, so the value is checked once the
   * form has settled, and typed again if it is gone.
   */
  async fill(label, value) {
    const field = this.textbox(label);
    for (let attempt = 1; ; attempt++) {
      await field.fill(String(value));
      await field.blur();
      await this.settled();
      if ((await field.inputValue()) === String(value)) {
        return;
      }
      if (attempt === 3) {
        throw new Error(`${label} does not keep ${value}`);
      }
    }
  }

  /** Two animation frames: form-js has rendered what the last event changed. */
  async settled() {
    await this.root.page().evaluate(() => new Promise((resolve) => {
      requestAnimationFrame(() => requestAnimationFrame(resolve));
    }));
  }

  async value(label) {
    return this.textbox(label).inputValue();
  }

  async choose(label, option) {
    const field = this.root.locator('.fjs-form-field-select').filter({
      has: this.root.page().locator('label', { hasText: label }),
    });
    await field.locator('.fjs-select-display').click();
    await field.locator('.fjs-dropdownlist-item').getByText(option, { exact: true }).click();
    await field.locator('.fjs-select-display', { hasText: option }).waitFor();
  }

  async check(label) {
    const box = this.root.getByRole('radio', { name: label, exact: true })
      .or(this.root.getByRole('checkbox', { name: label, exact: true }));
    await box.check();
  }

  /** The form's own complaints (required fields, patterns), if any. */
  async errors() {
    return this.root.locator('.fjs-form-field-error').allInnerTexts();
  }
}

/** Clicks target, again if need be, until done() holds. */
export async function clickUntil(target, done, what) {
  await waitUntil(async () => {
    if (await done()) {
      return true;
    }
    await target.click();
    return waitUntil(done, what, 2_000).then(() => true, () => false);
  }, what);
}

export async function waitUntil(condition, what, timeout = 30_000) {
  const until = Date.now() + timeout;
  for (;;) {
    if (await condition()) {
      return;
    }
    if (Date.now() > until) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
