// Headless Debian Chromium with the bpmn.io bundles loaded from node_modules into a blank page: no server, no
// network. Anything the page logs as an error or warning, and any uncaught error, fails the caller.
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const MODULES = fileURLToPath(new URL('../node_modules/', import.meta.url));

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Opens a page with the given files under node_modules (scripts, styles) and hands it to use(page, problems). */
export async function withPage({ scripts = [], styles = [] }, use) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1200 } });
    const problems = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') {
        problems.push(`console ${message.type()}: ${message.text()}`);
      }
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.setContent('<!doctype html><html lang="zh"><head><meta charset="utf-8"></head>'
      + '<body><div id="container"></div></body></html>');
    for (const style of styles) {
      await page.addStyleTag({ path: MODULES + style });
    }
    for (const script of scripts) {
      await page.addScriptTag({ path: MODULES + script });
    }
    return await use(page, problems);
  } finally {
    await browser.close();
  }
}
