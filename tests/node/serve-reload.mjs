// Checks the live reload of `journeymap serve` in a real Chromium (Debian's,
// through playwright-core). Run by tests/it/workflow.rs:
//
//   node tests/node/serve-reload.mjs CONFIG.json
//
// CONFIG: {"base": "http://127.0.0.1:PORT", "pages": ["/a.html", "/"], "file": SPEC,
//          "steps": [{"name", "content", "expect": {PAGE: {"title"?: T, "text"?: S}}}]}
//
// Opens every page in a tab of its own, then for each step writes `content` to
// `file` and waits for every open page to reload by itself (nothing here
// reloads or navigates) until its title is T and its text holds S. Any console
// error or warning (a refused inline script, a refused connection) is a
// problem. Last, it probes each page's policy: an inline script added to the
// page, a script from the server and a connection to another origin must all
// be refused.
//
// Prints one JSON object: {"results": [{"name", "problems": [...], "facts": {...}}]}.
import { readFileSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const STEP_TIMEOUT_MS = 20000;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
const context = await browser.newContext();

const tabs = [];
for (const path of config.pages) {
  const page = await context.newPage();
  const tab = { path, page, problems: [], loads: 0, probing: false, facts: { reloads: [] } };
  page.on('console', (m) => {
    if (!tab.probing && (m.type() === 'error' || m.type() === 'warning'))
      tab.problems.push(`console ${m.type()} (${tab.step || 'first load'}): ${m.text()}`);
  });
  page.on('pageerror', (e) => tab.problems.push(`page error (${tab.step || 'first load'}): ${e.message}`));
  page.on('load', () => { tab.loads++; });
  await page.goto(config.base + path, { waitUntil: 'load' });
  tabs.push(tab);
}

// What a page shows now, or null while it is between two documents.
async function shown(page) {
  try {
    return await page.evaluate(() => ({ title: document.title, text: document.body ? document.body.innerText : '' }));
  } catch {
    return null;
  }
}

// `now` is undefined for a tab not looked at yet in this step (its reload can come
// before the first look), null while it is between two documents.
const matches = (now, want) =>
  now != null && (want.title === undefined || now.title === want.title) && (want.text === undefined || now.text.includes(want.text));

for (const step of config.steps) {
  const before = new Map(tabs.map((t) => [t, t.loads]));
  for (const t of tabs) t.step = step.name;
  writeFileSync(config.file, step.content);
  const start = Date.now();
  const waiting = tabs.filter((t) => step.expect[t.path]);
  const now = new Map();
  const done = (t) => t.loads > before.get(t) && matches(now.get(t), step.expect[t.path]);
  do {
    await new Promise((r) => setTimeout(r, 100));
    for (const t of waiting) if (!done(t)) now.set(t, await shown(t.page));
  } while (!waiting.every(done) && Date.now() - start < STEP_TIMEOUT_MS);
  for (const t of waiting) {
    const seen = now.get(t);
    t.facts.reloads.push({ step: step.name, loads: t.loads - before.get(t), title: seen && seen.title });
    if (t.loads === before.get(t))
      t.problems.push(`did not reload by itself after ${step.name} (within ${STEP_TIMEOUT_MS / 1000} s)`);
    else if (!done(t))
      t.problems.push(`after ${step.name} shows ${JSON.stringify(seen)}, not ${JSON.stringify(step.expect[t.path])}`);
  }
}

// The policy still refuses everything but the reload script and its poll.
function probe() {
  return new Promise((resolve) => {
    const seen = [];
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} ${e.blockedURI}`));
    const inline = document.createElement('script');
    inline.textContent = 'window.__jm_injected = 1';
    document.body.append(inline);
    const external = document.createElement('script');
    external.src = '/__journeymap/probe.js';
    document.body.append(external);
    fetch('http://127.0.0.1:9/').catch(() => {}).finally(() => setTimeout(() => resolve({ inline_ran: window.__jm_injected === 1, violations: seen }), 300));
  });
}

const results = [];
for (const t of tabs) {
  t.probing = true;
  try {
    t.facts.probe = await t.page.evaluate(probe);
  } catch (e) {
    t.problems.push(`the policy probe failed: ${e.message}`);
  }
  t.facts.policy = await t.page
    .evaluate(() => [...document.querySelectorAll('meta[http-equiv="Content-Security-Policy" i]')].map((m) => m.content))
    .catch(() => null);
  results.push({ name: t.path, problems: t.problems, facts: t.facts });
}
await browser.close();
console.log(JSON.stringify({ results }));
