// Checks journeymap's HTML and SVG outputs in a real Chromium (Debian's, through
// playwright-core). Run by tests/it/browser.rs:
//
//   node tests/node/browser-check.mjs CONFIG.json
//
// CONFIG: {"pages": [{"name", "file", "kind": "html"|"svg", "pdf": bool, "contrast": bool,
//          "links": bool}]}
// `links`: the page links other pages (the portfolio page, maps of journeys that
// name each other): relative links must lead to files that exist, https links
// (tickets) are allowed, nothing is loaded from them.
// Prints one JSON object: {"results": [{"name", "problems": [...], "facts": {...}}]}.
// A problem is a sentence a person can act on; the Rust test fails on any.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});

// Sheet widths in mm for the @page sizes the HTML uses (landscape).
const SHEETS = { A4: 297, A3: 420, A2: 594, A1: 841, A0: 1189 };
const MM = 96 / 25.4;

async function open(file, options, problems) {
  const context = await browser.newContext(options);
  const url = pathToFileURL(file).href;
  const requests = [];
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (u === url) return route.continue();
    requests.push(u);
    return route.abort();
  });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(`console ${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  await page.goto(url, { waitUntil: 'load' });
  const done = () => {
    for (const e of errors) problems.push(e);
    for (const r of requests) problems.push(`made a network request: ${r.slice(0, 120)}`);
  };
  return { context, page, done };
}

// --- in-page checks (run in the browser) -----------------------------------

function safety(links) {
  const out = [];
  const linked = [];
  if (window.__jm_pwned !== undefined) out.push(`spec text ran as script (__jm_pwned = ${window.__jm_pwned})`);
  if (document.querySelector('script')) out.push('the page holds a <script> element');
  for (const tag of ['img', 'iframe', 'object', 'embed', 'link[rel=stylesheet]', 'textarea', 'form', 'base'])
    if (document.querySelector(tag)) out.push(`the page holds a <${tag}> element`);
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (a.name.startsWith('on')) out.push(`<${el.tagName.toLowerCase()}> has an event attribute ${a.name}`);
      if ((a.name === 'href' || a.name === 'src' || a.name === 'xlink:href') && !a.value.startsWith('#')) {
        const page = links && a.name === 'href' && el.tagName === 'A';
        if (page && !/^[a-z][a-z0-9+.-]*:/i.test(a.value)) linked.push(new URL(a.value, document.baseURI).href);
        else if (!(page && /^https?:\/\//.test(a.value)))
          out.push(`<${el.tagName.toLowerCase()}> links outside the page: ${a.value.slice(0, 80)}`);
      }
    }
  }
  if (document.querySelectorAll('style').length > 1) out.push('spec text created a <style> element');
  const ids = new Map();
  for (const el of document.querySelectorAll('[id]')) {
    if (ids.has(el.id)) out.push(`duplicate id ${el.id}`);
    ids.set(el.id, el);
    if (!/^[A-Za-z0-9._-]+$/.test(el.id)) out.push(`id is not a safe ASCII id: ${el.id}`);
  }
  for (const a of document.querySelectorAll('a[href^="#"]'))
    if (!document.getElementById(a.getAttribute('href').slice(1))) out.push(`link to a missing id ${a.getAttribute('href')}`);
  return links ? { out, linked } : out;
}

// The pages a page links to exist (relative links, resolved as the browser does).
function linkedFiles(r, problems, facts) {
  facts.links = r.linked.length;
  for (const href of r.linked) {
    const u = new URL(href);
    if (u.protocol !== 'file:') { problems.push(`a relative link left the folder: ${href}`); continue; }
    if (!existsSync(fileURLToPath(u.href.split('#')[0]))) problems.push(`links to a file that does not exist: ${fileURLToPath(u.href.split('#')[0])}`);
  }
  return r.out;
}

function overflow() {
  const out = [];
  const name = (el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${[...el.classList].join('.')}`;
  const text = (el) => (el.textContent || '').trim().slice(0, 50);
  const doc = document.documentElement;
  if (doc.scrollWidth > window.innerWidth + 1) out.push(`the page scrolls sideways (${doc.scrollWidth} > ${window.innerWidth})`);
  const boxes = document.querySelectorAll('.map th, .map td, .persona, .insight, .data th, .data td, .legend li, header .facts div, .card, .tree li, .matrix-list li');
  for (const box of boxes) {
    if (box.closest('.sr-only') || box.getClientRects().length === 0) continue;
    if (box.scrollWidth > box.clientWidth + 1 && getComputedStyle(box).overflowX === 'visible')
      out.push(`text overflows ${name(box)} (${box.scrollWidth} > ${box.clientWidth}): "${text(box)}"`);
    const r = box.getBoundingClientRect();
    for (const el of box.querySelectorAll('*')) {
      if (el.closest('svg') || el.closest('.sr-only') || el.closest('.axis') || el.closest('.table-scroll')) continue;
      const e = el.getBoundingClientRect();
      if (e.width === 0 && e.height === 0) continue;
      if (e.right > r.right + 1 || e.left < r.left - 1)
        out.push(`${name(el)} sticks out of ${name(box)} by ${Math.round(Math.max(e.right - r.right, r.left - e.left))}px: "${text(el)}"`);
    }
  }
  return out.slice(0, 20);
}

function curve() {
  const out = [];
  const facts = { points: 0, labels: 0 };
  const svg = document.querySelector('svg.curve');
  if (!svg) return { out, facts };
  const bounds = svg.getBoundingClientRect();
  for (const pt of svg.querySelectorAll('.pt')) {
    facts.points++;
    const th = document.getElementById(pt.dataset.col);
    if (!th) { out.push(`point for a missing column ${pt.dataset.col}`); continue; }
    // An assumed point is a circle, a measured one a square.
    const mark = pt.querySelector('circle, rect');
    const c = mark.getBoundingClientRect();
    const col = th.getBoundingClientRect();
    const cx = c.left + c.width / 2;
    const markX = mark.tagName === 'rect'
      ? parseFloat(mark.getAttribute('x')) + parseFloat(mark.getAttribute('width')) / 2
      : parseFloat(mark.getAttribute('cx'));
    const spread = Math.abs(markX - parseFloat(pt.dataset.x)) > 0.05;
    if (cx < col.left || cx > col.right) out.push(`point of ${pt.dataset.col} is outside its column (${cx.toFixed(1)} not in ${col.left.toFixed(1)}..${col.right.toFixed(1)})`);
    else if (!spread && Math.abs(cx - (col.left + col.width / 2)) > 1.5)
      out.push(`point of ${pt.dataset.col} is ${Math.abs(cx - (col.left + col.width / 2)).toFixed(1)}px off its column's centre`);
  }
  const labels = [...svg.querySelectorAll('.feeling')].map((el) => ({ el, r: el.getBoundingClientRect() }));
  facts.labels = labels.length;
  for (const { el, r } of labels) {
    const col = document.getElementById(el.dataset.col)?.getBoundingClientRect();
    if (col && (r.left < col.left - 1 || r.right > col.right + 1)) out.push(`feeling "${el.textContent}" is wider than its column`);
    if (r.top < bounds.top - 1 || r.bottom > bounds.bottom + 1) out.push(`feeling "${el.textContent}" leaves the curve's box`);
  }
  const markers = [...svg.querySelectorAll('.pt circle, .pt rect')].map((c) => c.getBoundingClientRect());
  const hit = (a, b, pad = 0) => a.left < b.right - pad && b.left < a.right - pad && a.top < b.bottom - pad && b.top < a.bottom - pad;
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++)
      if (hit(labels[i].r, labels[j].r, 0.5)) out.push(`feelings "${labels[i].el.textContent}" and "${labels[j].el.textContent}" overlap`);
    for (const m of markers) if (hit(labels[i].r, m, 1)) { out.push(`feeling "${labels[i].el.textContent}" covers a point`); break; }
  }
  return { out: out.slice(0, 20), facts };
}

// The portfolio's matrix: its texts apart and inside it.
function matrix() {
  const out = [];
  const svg = document.querySelector('svg.matrix');
  if (!svg) return out;
  const box = svg.getBoundingClientRect();
  const texts = [...svg.querySelectorAll('text')].filter((t) => t.textContent.trim()).map((el) => ({ el, r: el.getBoundingClientRect() }));
  const hit = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
  for (const { el, r } of texts)
    if (r.left < box.left - 0.5 || r.right > box.right + 0.5) out.push(`matrix text "${el.textContent.trim().slice(0, 30)}" leaves the matrix`);
  for (let i = 0; i < texts.length; i++)
    for (let j = i + 1; j < texts.length; j++)
      if (hit(texts[i].r, texts[j].r)) out.push(`matrix texts "${texts[i].el.textContent.trim().slice(0, 30)}" and "${texts[j].el.textContent.trim().slice(0, 30)}" overlap`);
  return out;
}

function printFits(sheetMm) {
  const out = [];
  const width = window.innerWidth;
  const doc = document.documentElement;
  if (doc.scrollWidth > width + 1) out.push(`printed page is wider than the sheet (${doc.scrollWidth} > ${width})`);
  const map = document.querySelector('.map');
  if (map && map.getBoundingClientRect().right > width + 1)
    out.push(`the printed map is clipped (${Math.round(map.getBoundingClientRect().right)} > ${width})`);
  return out;
}

function contrast() {
  const out = [];
  const parse = (c) => {
    let m = c.match(/rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)(?:,? \/?\s*([\d.]+))?\)/);
    if (m) return [+m[1], +m[2], +m[3], m[4] === undefined ? 1 : +m[4]];
    m = c.match(/color\(srgb ([\d.]+) ([\d.]+) ([\d.]+)(?: \/ ([\d.]+))?\)/);
    if (m) return [m[1] * 255, m[2] * 255, m[3] * 255, m[4] === undefined ? 1 : +m[4]];
    return null;
  };
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const over = (top, bottom) => [0, 1, 2].map((i) => top[i] * top[3] + bottom[i] * (1 - top[3])).concat(1);
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let bg = [255, 255, 255, 1];
    for (const l of layers.reverse()) bg = over(l, bg);
    return bg;
  };
  const seen = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const el = node.parentElement;
    if (!node.textContent.trim() || !el || seen.has(el)) continue;
    seen.add(el);
    if (el.closest('svg, .sr-only, [aria-hidden=true], .skip') || el.getClientRects().length === 0) continue;
    const s = getComputedStyle(el);
    const fg = parse(s.color);
    if (!fg) continue;
    const bg = background(el);
    const l1 = lum(over(fg, bg)), l2 = lum(bg);
    const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    const size = parseFloat(s.fontSize), bold = +s.fontWeight >= 700;
    const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    if (ratio < need) out.push(`contrast ${ratio.toFixed(2)} < ${need} for "${node.textContent.trim().slice(0, 40)}" (${s.color} on rgb(${bg.slice(0, 3).map(Math.round).join(',')}))`);
  }
  return [...new Set(out)].slice(0, 15);
}

function svgChecks() {
  const out = [];
  const svg = document.documentElement;
  if (svg.tagName !== 'svg') return [`not an SVG document (root is <${svg.tagName}>): ${document.body?.textContent?.slice(0, 200)}`];
  const vb = svg.viewBox.baseVal;
  if (!vb || !vb.width) out.push('the SVG has no viewBox');
  if (svg.querySelector('parsererror')) out.push('the SVG does not parse');
  if (svg.querySelector('script, foreignObject, image, use[href^=http]')) out.push('the SVG holds script, foreignObject or an external reference');
  const box = svg.getBoundingClientRect();
  const texts = [...svg.querySelectorAll('text')].filter((t) => t.textContent.trim()).map((el) => ({ el, r: el.getBoundingClientRect() }));
  for (const { el, r } of texts) {
    if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5)
      out.push(`text "${el.textContent.trim().slice(0, 40)}" lies outside the picture`);
  }
  const hit = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
  for (let i = 0; i < texts.length; i++)
    for (let j = i + 1; j < texts.length; j++)
      if (hit(texts[i].r, texts[j].r)) out.push(`texts "${texts[i].el.textContent.trim().slice(0, 30)}" and "${texts[j].el.textContent.trim().slice(0, 30)}" overlap`);
  return { out: out.slice(0, 20), texts: texts.length, width: vb.width, height: vb.height };
}

// What a reader sees of the journey at a width: every stage of the overview in
// view at 1 600 px, every touchpoint of the grid at 2 800 px, nothing overlapping.
function layout(want) {
  const out = [];
  const facts = {};
  const width = window.innerWidth;
  const doc = document.documentElement;
  if (doc.scrollWidth > width + 1) out.push(`the page scrolls sideways (${doc.scrollWidth} > ${width})`);
  const inView = (r) => r.left >= -1 && r.right <= width + 1 && r.width > 0;
  const scrolled = (el) => {
    for (let e = el.parentElement; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (/(auto|scroll|hidden)/.test(s.overflowX) && e.scrollWidth > e.clientWidth + 1) return e;
    }
    return null;
  };
  const stages = [...document.querySelectorAll('.overview-svg .ov-stage')];
  facts.overview_stages = stages.length;
  facts.stages_in_view = stages.filter((a) => inView(a.getBoundingClientRect()) && !scrolled(a)).length;
  if (want.stages && facts.stages_in_view !== stages.length)
    out.push(`${stages.length - facts.stages_in_view} of ${stages.length} stages of the overview are out of view`);
  for (const a of stages) if (!document.getElementById(a.getAttribute('href').slice(1))) out.push(`overview links to a missing stage ${a.getAttribute('href')}`);
  const tps = [...document.querySelectorAll('.map th.tp')];
  const box = document.querySelector('.map-scroll');
  facts.touchpoints = tps.length;
  facts.touchpoints_in_view = tps.filter((th) => inView(th.getBoundingClientRect())).length;
  facts.map_scrolls = box ? box.scrollWidth > box.clientWidth + 1 : false;
  // A grid whose columns fit (at their narrowest, --w × --shrink, plus the
  // lane labels and the page's padding) must be shown whole.
  const map = document.querySelector('.map');
  if (map) {
    const cs = getComputedStyle(map);
    const lane = parseFloat(getComputedStyle(document.documentElement).fontSize) * 8.5;
    facts.grid_min = Math.ceil(parseFloat(cs.getPropertyValue('--w')) * parseFloat(cs.getPropertyValue('--shrink')) + lane + 2 + 32);
  }
  if (want.touchpoints && facts.grid_min <= width && (facts.touchpoints_in_view !== tps.length || facts.map_scrolls))
    out.push(`${tps.length - facts.touchpoints_in_view} of ${tps.length} touchpoints are out of view (the map ${facts.map_scrolls ? 'scrolls' : 'fits'})`);
  // Texts of the overview and the map's headers must not overlap.
  const texts = [...document.querySelectorAll('.overview-svg text, .map th.tp .tp-name, .map th.stage .band-name, h1, h2')]
    .filter((el) => el.textContent.trim() && el.getClientRects().length)
    .map((el) => ({ el, r: el.getBoundingClientRect() }));
  const hit = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
  for (let i = 0; i < texts.length; i++)
    for (let j = i + 1; j < texts.length; j++)
      if (hit(texts[i].r, texts[j].r) && !texts[i].el.contains(texts[j].el) && !texts[j].el.contains(texts[i].el))
        out.push(`"${texts[i].el.textContent.trim().slice(0, 30)}" overlaps "${texts[j].el.textContent.trim().slice(0, 30)}"`);
  // Japanese stays whole: no line of a heading, name or chip ends inside a run of katakana or kanji.
  const kana = /[\u30A0-\u30FF\u4E00-\u9FFF]/;
  // The middle dot ・ joins two words (カット・カラー): a break after it is fine.
  const kata = (c) => /[\u30A0-\u30FA\u30FC-\u30FF]/.test(c);
  const kanji = (c) => /[\u4E00-\u9FFF]/.test(c);
  const sameScript = (a, b) => (kata(a) && kata(b)) || (kanji(a) && kanji(b));
  for (const el of document.querySelectorAll('h1, h2, h3, h4, .tp-name, .band-name, .chip, .channel, .ov-name, .card a, .tree a')) {
    if (el.closest('.sr-only') || !el.getClientRects().length || el.closest('svg')) continue;
    const range = document.createRange();
    const node = [...el.childNodes].find((n) => n.nodeType === 3 && n.textContent.trim());
    if (!node) continue;
    const t = node.textContent;
    let lastTop = null;
    for (let i = 0; i < t.length; i++) {
      range.setStart(node, i); range.setEnd(node, i + 1);
      const r = range.getBoundingClientRect();
      if (r.width === 0) continue;
      if (lastTop !== null && r.top > lastTop + 2 && i > 0 && kana.test(t[i]) && kana.test(t[i - 1]) && sameScript(t[i - 1], t[i]))
        out.push(`"${t.slice(0, 30)}" breaks inside a word: "${t.slice(Math.max(0, i - 4), i)}|${t.slice(i, i + 4)}"`);
      lastTop = r.top;
    }
  }
  return { out: [...new Set(out)].slice(0, 20), facts };
}

// --- driver -----------------------------------------------------------------

async function check(p) {
  const problems = [];
  const facts = {};
  const t0 = Date.now();
  try {
    if (p.kind === 'svg') {
      const { context, page, done } = await open(p.file, { viewport: { width: 1200, height: 800 } }, problems);
      const r = await page.evaluate(svgChecks);
      if (Array.isArray(r)) problems.push(...r);
      else { problems.push(...r.out); facts.texts = r.texts; facts.width = r.width; facts.height = r.height; }
      done();
      await context.close();
    } else {
      // Wide screen, light: everything.
      const wide = await open(p.file, { viewport: { width: 1600, height: 1000 }, colorScheme: 'light' }, problems);
      const lap = (k, t) => { facts[k] = Date.now() - t; return Date.now(); };
      let t = lap('load', t0);
      const safe = await wide.page.evaluate(safety, !!p.links);
      problems.push(...(p.links ? linkedFiles(safe, problems, facts) : safe));
      problems.push(...(await wide.page.evaluate(overflow)).map((s) => `wide: ${s}`));
      problems.push(...(await wide.page.evaluate(matrix)).map((s) => `wide: ${s}`));
      const c = await wide.page.evaluate(curve);
      problems.push(...c.out);
      Object.assign(facts, c.facts);
      t = lap('checks', t);
      if (p.contrast) problems.push(...(await wide.page.evaluate(contrast)).map((s) => `light: ${s}`));
      t = lap('contrast', t);
      if (p.pdf) {
        const sheet = await wide.page.evaluate(() => {
          const m = [...document.styleSheets].flatMap((s) => [...s.cssRules]).find((r) => r instanceof CSSPageRule);
          return m ? m.style.getPropertyValue('size') : '';
        });
        facts.sheet = sheet;
        // "a3 landscape", or "594mm 420mm" for sheets Chromium has no name for.
        const [w, h] = sheet.split(' ');
        const mm = sheet.endsWith('landscape') ? SHEETS[w.toUpperCase()] : parseFloat(w);
        const landscape = sheet.endsWith('landscape') || parseFloat(w) > parseFloat(h);
        if (!mm || !landscape || !Object.values(SHEETS).includes(mm)) problems.push(`@page size is not a landscape ISO sheet: "${sheet}"`);
        const pdf = await wide.page.pdf({ preferCSSPageSize: true, printBackground: true });
        facts.pdf_bytes = pdf.length;
        facts.pdf_pages = (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) || []).length;
        if (pdf.subarray(0, 5).toString() !== '%PDF-' || pdf.length < 2000) problems.push('printing to PDF failed');
        if (mm) {
          await wide.page.setViewportSize({ width: Math.floor((mm - 20) * MM), height: 1000 });
          await wide.page.emulateMedia({ media: 'print' });
          problems.push(...(await wide.page.evaluate(printFits)).map((s) => `print: ${s}`));
        }
      }
      t = lap('pdf', t);
      wide.done();
      await wide.context.close();
      if (p.layout) {
        for (const [w, want] of [[1024, { stages: true }], [1600, { stages: true }], [2800, { stages: true, touchpoints: true }]]) {
          const v = await open(p.file, { viewport: { width: w, height: 1200 }, colorScheme: 'light' }, problems);
          const r = await v.page.evaluate(layout, want);
          problems.push(...r.out.map((s) => `${w}px: ${s}`));
          facts[`at_${w}`] = r.facts;
          v.done();
          await v.context.close();
        }
      }
      // Narrow screen, dark.
      const narrow = await open(p.file, { viewport: { width: 390, height: 844 }, colorScheme: 'dark' }, problems);
      problems.push(...(await narrow.page.evaluate(overflow)).map((s) => `narrow: ${s}`));
      problems.push(...(await narrow.page.evaluate(matrix)).map((s) => `narrow: ${s}`));
      // Japanese stays whole on a phone too (the word-break part of the layout check).
      if (p.layout) {
        const r = await narrow.page.evaluate(layout, {});
        problems.push(...r.out.filter((s) => s.includes('breaks inside a word')).map((s) => `390px: ${s}`));
      }
      if (p.contrast) problems.push(...(await narrow.page.evaluate(contrast)).map((s) => `dark: ${s}`));
      narrow.done();
      await narrow.context.close();
      lap('narrow', t);
    }
  } catch (e) {
    problems.push(`check crashed: ${e.stack || e}`);
  }
  facts.ms = Date.now() - t0;
  return { name: p.name, problems: [...new Set(problems)], facts };
}

// A few pages at a time: Chromium renders them in parallel processes.
const results = new Array(config.pages.length);
let next = 0;
const workers = Array.from({ length: Number(process.env.JM_BROWSER_JOBS || 2) }, async () => {
  while (next < config.pages.length) {
    const i = next++;
    results[i] = await check(config.pages[i]);
  }
});
await Promise.all(workers);
await browser.close();
process.stdout.write(JSON.stringify({ results }) + '\n');
