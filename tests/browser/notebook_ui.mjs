// Opens notebooks in JupyterLab 4 and Notebook 7 in headless Chromium, at 1280x900, and checks what
// a student sees. scripts/browser_test.sh starts a server of its own and runs this; the image and
// hub tests run it against theirs. It works against any running Jupyter server and reads nothing
// but what the server serves (the notebooks through its contents API, the HTML export from its
// nbconvert handler), so the notebooks need not be on this machine.
//
//   JUPYTER_URL=http://127.0.0.1:8888/ JUPYTER_TOKEN=T node notebook_ui.mjs notebooks/01_x.ipynb ...
//   JUPYTER_URL=http://127.0.0.1:8000/user/ada/ HUB_LOGIN=ada:secret UI=lab REMOTE=1 node notebook_ui.mjs PATH...
//
// Arguments: notebook paths relative to the server's root. Environment:
//   JUPYTER_URL    the server's base URL; it may end in a JupyterHub user prefix /user/NAME/
//   JUPYTER_TOKEN  the server's token, or
//   HUB_LOGIN      USER:PASSWORD: logs in through the login form of the JupyterHub at JUPYTER_URL's
//                  root (what comes before /user/), waits for the spawn, then works under /user/USER/
//   UI             lab (default) or notebook (Notebook 7): the UI of the default checks
//   CHECKS         the checks, in order, separated by spaces (default "UI:saved UI:untrusted UI:run
//                  export", and "UI:saved UI:run export" with REMOTE=1). Each is UI[-dark]:STATE,
//                  STATE one of
//                    saved      opened as the server serves it (trusted after `jupyter trust`);
//                    untrusted  a copy without trust, written next to the notebook through the
//                               contents API as gograd-untrusted-NAME.ipynb and deleted after;
//                    run        Kernel > Restart Kernel and Run All Cells;
//                    small      as saved, in a 1024x700 window with JupyterLab's file browser open: a
//                               graph may sit in a box that scrolls, but not be cut;
//                    present    (lab only) as saved, 1280x720, View > Appearance > Presentation Mode: a projector;
//                  saved, small and present print the text sizes (prose, code, graphs, views) and
//                  the code cells wider than the cell; saved (light) and present drive every view
//                  from the keyboard (keyboard.mjs); untrusted finds Trust Notebook where the
//                  views' note says it is; saved and untrusted open and close the first picture's
//                  Full size control from the keyboard;
//                  -dark opens it in the JupyterLab Dark theme (set through the settings API and set
//                  back after); "export" opens the server's nbconvert HTML export of each notebook.
//                  CHECK@STEM,STEM... runs CHECK on those notebooks only (names without .ipynb).
//   REMOTE=1       the server and its files belong to someone else: write nothing to it (no untrusted
//                  copies, no theme changes; CHECKS naming them fail)
//   CHROMIUM       the browser (default /usr/bin/chromium); OUT_DIR: where screenshots and reports
//                  go (default build/browser); BROWSER_TEST_TIMEOUT: seconds for one Run All (300);
//                  BROWSER_TEST_JOBS: notebooks checked at a time (2)
//
// A notebook fails a check when:
//  pictures   fewer pictures are drawn in a cell than its saved outputs hold (a picture is an inline
//             <svg> or an <img> of an SVG data URI);
//  fit        a graph does not show whole inside its output area (cut off, or behind a scrollbar),
//             its smallest text is under 8 px on screen (14 px in present), or its root (the last
//             box of a graph, the output Value) is not shown;
//  projector  (present) the views' controls, captions or a training view's small print are under 14 px;
//  full size  (saved, untrusted) Tab from a picture does not reach its Full size control, or Enter
//             does not open and close it; trusted, the picture must then take its own width and
//             shrink back, with a focus ring of 2 px or more; untrusted, it must say how to trust;
//             (saved) a view's Full size button, pressed by Space, must show its picture at its own
//             width, and pressed again, as before;
//  views      the interactive views (views.mjs) do not turn their sliders and buttons into the
//             numbers derived by hand, or the numbers take over 100 ms at the median to change (or
//             the next frame over 1 s: it waits on the machine's load too) (saved with no kernel
//             running, after the run, in the export); untrusted, a view must show its still picture
//             and the note instead, and run no script;
//  setup      a cell saved with its input hidden (metadata jupyter.source_hidden) shows its code;
//  contrast   (dark) any text in an output (graph labels included) has a contrast under 4.5:1
//             against what is painted behind it, from computed colours (WCAG's formula);
//  error      after the run, a cell shows an error (unless tagged raises-exception) or did not run;
//  dialog     any dialog opens (an alert from a label, a JupyterLab dialog) other than the
//             restart confirmation that Run All asks for.
// Writes OUT_DIR/NAME-CHECK.png (the whole notebook), NAME-CHECK-views.png (the first view at
// 1280x900), report.tsv (one row per graph) and summary.tsv (one row per notebook and check); prints
// both, then "browser: N passed, M failed" last; exits 1 if any check failed.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { checkViews, pageHelpers, viewCounts } from './views.mjs';
import { checkKeyboard } from './keyboard.mjs';

const MIN_TEXT_PX = 8;
// On the projector (present): the least text of graphs, views and their controls, output.ProjectorTextPx
// (docs/TEACHING.md says what it reads from).
const MIN_PRESENT_PX = 14;
const MIN_CONTRAST = 4.5;
const VIEWPORT = { width: 1280, height: 900 };
const KERNEL_START_S = 180; // a cold GoNB kernel on a busy 2-core machine
const SPAWN_S = 180;
const RUN_TIMEOUT_S = Number(process.env.BROWSER_TEST_TIMEOUT || 300);
const JOBS = Number(process.env.BROWSER_TEST_JOBS || 2);
const UNTRUSTED_PREFIX = 'gograd-untrusted-';
const env = process.env;
const UI = env.UI || 'lab';
const REMOTE = env.REMOTE === '1';
const OUT_DIR = env.OUT_DIR || 'build/browser';
const CHECK_WORDS = (env.CHECKS || (REMOTE ? `${UI}:saved ${UI}:run export` : `${UI}:saved ${UI}:untrusted ${UI}:run export`))
  .split(/\s+/).filter(Boolean);
const CHECKS = CHECK_WORDS.map((w) => w.split('@')[0]);
// CHECK@STEM,STEM...: the notebooks a check is limited to (by name without .ipynb); null: all.
const ONLY = Object.fromEntries(CHECK_WORDS.map((w) => [w.split('@')[0], w.includes('@') ? w.split('@')[1].split(',') : null]));
const notebooks = process.argv.slice(2);
const usage = (why) => {
  console.error(`browser: ${why}\nusage: JUPYTER_URL=... (JUPYTER_TOKEN=... | HUB_LOGIN=user:password) [UI=lab|notebook] ` +
    '[CHECKS=...] [REMOTE=1] node notebook_ui.mjs NOTEBOOK_PATH...  (see the comment at the top)');
  process.exit(2);
};
if (!env.JUPYTER_URL || !(env.JUPYTER_TOKEN || env.HUB_LOGIN) || notebooks.length === 0) usage('missing settings or notebooks');
if (!['lab', 'notebook'].includes(UI)) usage(`UI=${UI}: want lab or notebook`);
for (const c of CHECKS) {
  if (c !== 'export' && !/^(lab|notebook)(-dark)?:(saved|untrusted|run|small)$|^lab(-dark)?:present$/.test(c)) usage(`unknown check "${c}"`);
  if (REMOTE && (/untrusted|-dark/.test(c))) usage(`REMOTE=1 writes nothing to the server, so it cannot check "${c}"`);
}

// The base URL of the server (ending in /), and the hub's login when there is one.
const [hubUser, hubPassword] = env.HUB_LOGIN ? [env.HUB_LOGIN.slice(0, env.HUB_LOGIN.indexOf(':')), env.HUB_LOGIN.slice(env.HUB_LOGIN.indexOf(':') + 1)] : [];
let BASE = env.JUPYTER_URL.endsWith('/') ? env.JUPYTER_URL : env.JUPYTER_URL + '/';
const HUB_ROOT = BASE.replace(/user\/[^/]+\/$/, '');
if (hubUser && !/\/user\/[^/]+\/$/.test(BASE)) BASE = `${HUB_ROOT}user/${encodeURIComponent(hubUser)}/`;
const urlPath = (p) => p.split('/').map(encodeURIComponent).join('/');
const pageURL = (ui, p) => {
  const url = ui === 'lab' ? `${BASE}lab/tree/${urlPath(p)}?reset` : `${BASE}notebooks/${urlPath(p)}`;
  return env.JUPYTER_TOKEN ? `${url}${url.includes('?') ? '&' : '?'}token=${env.JUPYTER_TOKEN}` : url;
};

const browser = await chromium.launch({
  executablePath: env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  ignoreDefaultArgs: ['--hide-scrollbars'], // show the scrollbar a person sees under a wide graph
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
// In every page: gogradImageSVG(img, use, box) lays out the SVG of an <img> of an SVG data URI off
// screen, as the img draws it: away from the page's styles (in a shadow root under a host reset
// with all:initial), at the box's size when given; it returns use(svg), called while laid out.
function installImageSVG() {
  window.gogradImageSVG = (img, use, box) => {
    const comma = img.src.indexOf(',');
    const text = img.src.slice(0, comma).endsWith(';base64')
      ? new TextDecoder().decode(Uint8Array.from(atob(img.src.slice(comma + 1)), (c) => c.charCodeAt(0)))
      : decodeURIComponent(img.src.slice(comma + 1));
    const svg = document.importNode(new DOMParser().parseFromString(text, 'image/svg+xml').documentElement, true);
    if (box) {
      if (!svg.hasAttribute('viewBox')) svg.setAttribute('viewBox', `0 0 ${img.naturalWidth} ${img.naturalHeight}`);
      svg.setAttribute('width', box.width);
      svg.setAttribute('height', box.height);
    }
    const holder = document.createElement('div');
    holder.style.cssText = 'all:initial; position:absolute; left:-100000px; top:0';
    holder.attachShadow({ mode: 'open' }).append(svg);
    document.body.append(holder);
    try { return use(svg); } finally { holder.remove(); }
  };
}

// One browser context per job: pages of one context may share a renderer process, and so one main
// thread, and a page that loads JupyterLab would then slow the views timed in another.
async function newContext() {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript(installImageSVG);
  // Every JupyterLab dialog that opens, for the dialog check (the restart confirmation is taken off).
  await context.addInitScript(() => {
    window.gogradDialogs = [];
    new MutationObserver((records) => {
      for (const r of records) {
        for (const n of r.addedNodes) {
          if (n.nodeType === 1 && n.matches('.jp-Dialog')) window.gogradDialogs.push(n.innerText.replace(/\s+/g, ' ').trim());
        }
      }
    }).observe(document, { childList: true, subtree: true });
  });
  if (hubUser) await hubLogin(context);
  return context;
}
let context; // the first job's, for the REST API

// The server's REST API, with the browser's cookies (a hub login) and its XSRF cookie.
async function api(method, p, body) {
  const headers = { 'Content-Type': 'application/json' };
  if (env.JUPYTER_TOKEN) headers.Authorization = `token ${env.JUPYTER_TOKEN}`;
  const xsrf = (await context.cookies(BASE)).find((c) => c.name === '_xsrf');
  if (xsrf) headers['X-XSRFToken'] = xsrf.value;
  const res = await context.request.fetch(BASE + p, { method, headers, data: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok()) throw new Error(`${method} ${BASE}${p}: ${res.status()} ${(await res.text()).slice(0, 200)}`);
  return res.status() === 204 ? null : res.json();
}

async function hubLogin(context) {
  const page = await context.newPage();
  try {
    await page.goto(`${HUB_ROOT}hub/login`);
    await page.fill('input[name=username]', hubUser);
    await page.fill('input[name=password]', hubPassword);
    await Promise.all([page.waitForNavigation(), page.click('[type=submit]')]);
    if (/\/hub\/login/.test(page.url())) throw new Error(`the hub's login form refused ${hubUser}: ${(await page.innerText('body')).slice(0, 200)}`);
    // The spawn: the hub starts the server after the login (or on /hub/spawn), shows its progress
    // and sends the browser on to the server when it is up; the server's OAuth sets its cookie.
    const atServer = (u) => u.href.startsWith(BASE) && !u.pathname.endsWith('/oauth_callback');
    if (!atServer(new URL(page.url())) && !/\/hub\/spawn/.test(page.url())) await page.goto(`${HUB_ROOT}hub/spawn/${encodeURIComponent(hubUser)}`);
    await page.waitForURL(atServer, { timeout: SPAWN_S * 1000 });
    await page.waitForLoadState('load');
  } finally {
    await page.close();
  }
}

const joined = (text) => (Array.isArray(text) ? text.join('') : text || '');
// What the served notebook promises: per cell, how many outputs hold a picture, whether it may raise,
// whether its input is hidden; and whether the server reports every code cell trusted.
function promises(nb) {
  const cells = nb.cells.map((cell) => ({
    code: cell.cell_type === 'code',
    pictures: (cell.outputs || []).filter((out) => {
      const html = joined((out.data || {})['text/html']);
      return 'image/svg+xml' in (out.data || {}) || html.includes('<svg') || html.includes('data:image/svg+xml');
    }).length,
    raises: (cell.metadata?.tags || []).includes('raises-exception'),
    hidden: cell.metadata?.jupyter?.source_hidden === true,
  }));
  const trusted = nb.cells.every((c) => c.cell_type !== 'code' || !c.outputs?.length || c.metadata?.trusted === true);
  return { cells, trusted, kernel: nb.metadata?.kernelspec?.name };
}

// In the page: per cell, every graph in its outputs: its size, what of it shows, its smallest text
// and whether its root shows. A graph is an outermost <svg> or an <img> of an SVG data URI.
function measureGraphs() {
  const unitPx = (el) => { const m = el.getScreenCTM(); return m ? Math.hypot(m.c, m.d) : 0; };
  const smallestText = (svg) => {
    let min = Infinity;
    for (const text of svg.querySelectorAll('text')) {
      const px = parseFloat(getComputedStyle(text).fontSize) * unitPx(text); // user units -> screen px
      if (text.textContent.trim() && px > 0) min = Math.min(min, px);
    }
    return min === Infinity ? null : min;
  };
  // The root of a graph drawing: Graphviz draws nodes in order, and the last one is the output
  // Value. Its box, as a fraction of the picture, for <img> pictures.
  const rootBox = (svg) => {
    const nodes = svg.querySelectorAll('g.node');
    if (!nodes.length) return null;
    const r = nodes[nodes.length - 1].getBoundingClientRect();
    const s = svg.getBoundingClientRect();
    return { left: (r.left - s.left) / s.width, right: (r.right - s.left) / s.width, top: (r.top - s.top) / s.height, bottom: (r.bottom - s.top) / s.height };
  };
  return [...document.querySelectorAll('.jp-NotebookPanel .jp-Cell, body.jp-Notebook .jp-Cell')].map((cell) => {
    const graphs = [];
    for (const el of cell.querySelectorAll('.jp-OutputArea-output svg, .jp-OutputArea-output img[src^="data:image/svg+xml"]')) {
      if (el.parentElement.closest('svg')) continue;
      const box = el.getBoundingClientRect();
      const drawn = box.width > 0 && box.height > 0 && (el.tagName !== 'IMG' || (el.complete && el.naturalWidth > 0));
      if (!drawn) continue;
      // What shows of it: its box cut to the output's content box and to every box around it, up to
      // the cell, that clips or scrolls (a wide graph's scroller, a long output's scrolled box).
      const area = el.closest('.jp-OutputArea-output');
      const style = getComputedStyle(area);
      const areaLeft = area.getBoundingClientRect().left + area.clientLeft + parseFloat(style.paddingLeft);
      const areaWidth = area.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      const shown = { left: areaLeft, right: areaLeft + areaWidth, top: box.top, bottom: box.bottom };
      let scrolls = false; // whether a box that cuts it scrolls: a way to see the rest
      for (let p = el.parentElement; p && p !== cell; p = p.parentElement) {
        const clip = getComputedStyle(p);
        const r = p.getBoundingClientRect();
        if (/auto|scroll/.test(clip.overflowX + clip.overflowY) && (p.scrollWidth > p.clientWidth + 1 || p.scrollHeight > p.clientHeight + 1)) scrolls = true;
        if (clip.overflowX !== 'visible') {
          shown.left = Math.max(shown.left, r.left + p.clientLeft);
          shown.right = Math.min(shown.right, r.left + p.clientLeft + p.clientWidth);
        }
        if (clip.overflowY !== 'visible') {
          shown.top = Math.max(shown.top, r.top + p.clientTop);
          shown.bottom = Math.min(shown.bottom, r.top + p.clientTop + p.clientHeight);
        }
      }
      const [minText, root] = el.tagName === 'IMG' ? gogradImageSVG(el, (svg) => [smallestText(svg), rootBox(svg)], box) : [smallestText(el), rootBox(el)];
      let rootShown = null;
      if (root) {
        const r = { left: box.left + root.left * box.width, right: box.left + root.right * box.width, top: box.top + root.top * box.height, bottom: box.top + root.bottom * box.height };
        rootShown = r.left >= shown.left - 0.5 && r.right <= shown.right + 0.5 && r.top >= shown.top - 0.5 && r.bottom <= shown.bottom + 0.5;
      }
      graphs.push({
        kind: el.tagName === 'IMG' ? 'img' : 'svg',
        width: box.width,
        height: box.height,
        areaWidth,
        shownWidth: Math.max(0, Math.min(box.right, shown.right) - Math.max(box.left, shown.left)),
        shownHeight: Math.max(0, Math.min(box.bottom, shown.bottom) - Math.max(box.top, shown.top)),
        minText,
        rootShown,
        scrolls,
      });
    }
    return graphs;
  });
}

// In the page: the lowest contrast of text in the outputs against what is painted behind it, per
// cell, with what that text is. Colours come from computed styles: an HTML text's colour against the
// first background behind it (composited up to the page); an SVG text's fill against the shape drawn
// under its middle (Graphviz's white page, a node's fill), or the HTML behind the picture when none.
function measureContrast() {
  const parse = (c) => {
    const m = /rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)(?:,? \/? ?([\d.]+))?\)/.exec(c || '');
    return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])] : null;
  };
  const over = (top, bottom) => [0, 1, 2].map((i) => top[i] * top[3] + bottom[i] * (1 - top[3])).concat(1);
  const luminance = (c) => {
    const [r, g, b] = c.slice(0, 3).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const htmlBackground = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    return layers.reduceRight((below, layer) => over(layer, below), [255, 255, 255, 1]);
  };
  const shapes = 'polygon, ellipse, rect, path, circle';
  // The fill painted under an SVG text's middle, by the shapes before it in paint order.
  const svgBackground = (svg, text, behind) => {
    const t = text.getBBox();
    const all = [...svg.querySelectorAll(shapes)];
    const ctm = text.getCTM();
    const mid = new DOMPoint(t.x + t.width / 2, t.y + t.height / 2).matrixTransform(ctm);
    let bg = behind;
    for (const s of all) {
      if (!(s.compareDocumentPosition(text) & Node.DOCUMENT_POSITION_FOLLOWING)) continue;
      const style = getComputedStyle(s);
      const fill = parse(style.fill);
      if (!fill || style.visibility === 'hidden') continue;
      const local = mid.matrixTransform(s.getCTM().inverse());
      if (s.isPointInFill(local)) bg = over([...fill.slice(0, 3), fill[3] * Number(style.fillOpacity)], bg);
    }
    return bg;
  };
  const svgTexts = (svg, behind, where) => [...svg.querySelectorAll('text')].filter((t) => t.textContent.trim()).map((t) => {
    const fill = parse(getComputedStyle(t).fill) || [0, 0, 0, 1];
    const bg = svgBackground(svg, t, behind);
    return { ratio: ratio(over(fill, bg), bg), what: `${where} "${t.textContent.trim().slice(0, 30)}"` };
  });
  return [...document.querySelectorAll('.jp-NotebookPanel .jp-Cell, body.jp-Notebook .jp-Cell')].map((cell) => {
    const found = [];
    for (const out of cell.querySelectorAll('.jp-OutputArea-output')) {
      // HTML text: every element with text of its own.
      const walker = document.createTreeWalker(out, NodeFilter.SHOW_TEXT);
      const seen = new Set();
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        // Disabled controls are exempt, as in WCAG (their grey says they are off).
        if (!n.textContent.trim() || seen.has(el) || el.closest('svg, script, style, :disabled')) continue;
        seen.add(el);
        const style = getComputedStyle(el);
        if (style.display === 'none' || style.visibility === 'hidden' || !el.getClientRects().length) continue;
        const bg = htmlBackground(el);
        found.push({ ratio: ratio(over(parse(style.color), bg), bg), what: `text "${n.textContent.trim().slice(0, 30)}"` });
      }
      for (const svg of out.querySelectorAll('svg')) {
        if (!svg.parentElement.closest('svg')) found.push(...svgTexts(svg, htmlBackground(svg.parentElement), 'graph label'));
      }
      for (const img of out.querySelectorAll('img[src^="data:image/svg+xml"]')) {
        // An <img> shows its SVG without the page's styles, over the img's own background.
        found.push(...gogradImageSVG(img, (svg) => svgTexts(svg, htmlBackground(img), 'picture label')));
      }
    }
    return found.sort((a, b) => a.ratio - b.ratio)[0] || null;
  });
}

// In the page: for each code cell, its error outputs (with the first line of its stderr) and
// whether its input area is shown.
function cellStates() {
  const oneLine = (el) => el.innerText.trim().replace(/\s+/g, ' ').slice(0, 200);
  return [...document.querySelectorAll('.jp-NotebookPanel .jp-Cell')].map((cell) => {
    const errors = [...cell.querySelectorAll('[data-mime-type="application/vnd.jupyter.error"], [data-mime-type="application/vnd.jupyter.stderr"]')]
      .filter((e) => !/^\s*$/.test(e.innerText)).map(oneLine);
    const prompt = cell.querySelector('.jp-InputPrompt')?.textContent || '';
    const editor = cell.querySelector('.jp-InputArea .cm-editor');
    return {
      errors,
      prompt,
      empty: !cell.querySelector('.jp-InputArea .cm-content')?.textContent.trim(),
      inputShown: !!editor && editor.getClientRects().length > 0 && editor.getBoundingClientRect().height > 0,
    };
  });
}

const scroller = '.jp-NotebookPanel .jp-WindowedPanel-outer';
// A screenshot of the whole notebook: the window made as tall as the notebook for the shot (the
// notebook scrolls inside the page, which Chromium's full-page capture does not reach).
async function screenshot(page, file) {
  // A toast that asks about Jupyter's news may cover a corner: close it (this sets nothing).
  for (const close of await page.locator('.jp-Notification-Toast-Close').all()) await close.click().catch(() => {});
  const window = page.viewportSize();
  const extra = await page.evaluate((s) => { const e = document.querySelector(s); return e ? e.scrollHeight - e.clientHeight : 0; }, scroller);
  await page.setViewportSize({ width: window.width, height: Math.min(window.height + extra, 30000) });
  await settle(page);
  await page.screenshot({ path: file });
  await page.setViewportSize(window);
  await settle(page);
}

// Waits until images and fonts are loaded and the notebook's height stops changing (MathJax and the
// editors resize cells for a while after the page loads or outputs arrive).
async function settle(page) {
  await page.waitForFunction(() => [...document.querySelectorAll('.jp-OutputArea-output img')].every((img) => img.complete));
  await page.evaluate(() => document.fonts.ready);
  await page.waitForFunction((s) => {
    const e = document.querySelector(s) || document.body;
    const height = e.scrollHeight;
    const same = height === window.gogradHeight;
    window.gogradHeight = height;
    return same;
  }, scroller, { polling: 400 });
}

// The two other windows: a small laptop's, and a projector's.
const SMALL = { width: 1024, height: 700 };
const PROJECTOR = { width: 1280, height: 720 };

// Lays JupyterLab out as a student at a small window or a teacher at a projector would, with real
// clicks: small, the file browser open on the left (JupyterLab; Notebook 7 has none beside the
// notebook); present, View > Appearance > Presentation Mode (larger text) with the left side bar closed.
async function layOut(page, ui, state) {
  if (ui !== 'lab') return;
  const current = page.locator('.jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current');
  if (state === 'small') {
    if (!(await current.count())) await page.locator('.jp-SideBar.jp-mod-left .lm-TabBar-tab[data-id="filebrowser"]').click();
  } else {
    if (await current.count()) await current.first().click();
    // View > Appearance > Presentation Mode (JupyterLab 4.6's menus).
    await page.locator('.lm-MenuBar-itemLabel', { hasText: /^View$/ }).first().click();
    await page.locator('.lm-Menu-itemLabel:visible', { hasText: /^Appearance$/ }).first().click();
    await page.locator('.lm-Menu-itemLabel:visible', { hasText: 'Presentation Mode' }).first().click();
    await page.waitForFunction(() => document.body.classList.contains('jp-mod-presentationMode') ||
      !!document.querySelector('.jp-mod-presentationMode'), null, { timeout: 5000 });
  }
  await settle(page);
}

// In the page: the font sizes, in CSS px, of the lesson's prose, its code, the views' controls and
// captions, and the code cells whose lines run past the cell's right edge.
function textSizes() {
  const size = (sel) => { const e = document.querySelector(sel); return e ? parseFloat(getComputedStyle(e).fontSize) : null; };
  const wideCode = [...document.querySelectorAll('.jp-NotebookPanel .jp-Cell, body.jp-Notebook .jp-Cell')].map((cell, i) => {
    const sc = cell.querySelector('.jp-InputArea .cm-scroller');
    return sc && cell.querySelector('.jp-InputArea').offsetParent && sc.scrollWidth > sc.clientWidth + 1 ? i : -1;
  }).filter((i) => i >= 0);
  return {
    prose: size('.jp-MarkdownOutput p'),
    code: size('.jp-InputArea .cm-line'),
    controls: size('.gograd-controls, .gt-controls'),
    caption: size('.gograd-caption'),
    // The least of a training view's small print (its legend, readout, heat maps' captions).
    smallPrint: [...document.querySelectorAll('.gt-legend, .gt-read, .gt-heat figcaption')].reduce((m, e) => {
      const px = parseFloat(getComputedStyle(e).fontSize);
      return m === null ? px : Math.min(m, px);
    }, null),
    wideCode,
  };
}

// The Full size control of the first picture that has one (output.Picture), driven as a person
// would: a click on the picture (the cell takes the focus), then Tab until the control has the
// focus (at most 6; the cell's toolbar comes first), Enter
// opens it, Enter closes it. Trusted, the picture must then take its own width (its img's width
// attribute) and shrink back after; untrusted, the opened control must say how to trust the
// notebook. Returns a problem or null, and a line of what it saw.
async function checkFullSize(page, trusted) {
  const box = page.locator('.jp-OutputArea-output div.gograd-graph:has(> details.gograd-full)').first();
  if (!(await box.count())) return { problem: null, line: null };
  const state = () => box.evaluate((b) => {
    const img = b.querySelector('img');
    const note = b.querySelector('details > p');
    return {
      focused: document.activeElement === b.querySelector('summary'),
      ring: document.activeElement === b.querySelector('summary') ? parseFloat(getComputedStyle(document.activeElement).outlineWidth) || 0 : 0,
      open: b.querySelector('details').open,
      width: img.getBoundingClientRect().width,
      own: Number(img.getAttribute('width')),
      note: !!note && note.getClientRects().length > 0 && /Trust Notebook/.test(note.textContent),
    };
  });
  await box.locator('img').scrollIntoViewIfNeeded();
  await box.locator('img').click({ position: { x: 5, y: 5 } });
  let s;
  let tabs = 0;
  for (; tabs < 6 && !(s = await state()).focused; tabs++) await page.keyboard.press('Tab');
  if (!s.focused) return { problem: 'Tab from the picture does not reach its Full size control', line: null };
  const before = s.width;
  await page.keyboard.press('Enter');
  const opened = await state();
  await page.keyboard.press('Enter');
  const closed = await state();
  const line = `${Math.round(before)} px wide, opened ${Math.round(opened.width)} px (its own ${opened.own} px), closed ${Math.round(closed.width)} px; ` +
    `note shown ${opened.note}; focus ring ${opened.ring} px; ${tabs} Tab presses to reach it`;
  if (!opened.open || closed.open) return { problem: `Enter did not open and close it (open ${opened.open}, then ${closed.open})`, line };
  if (trusted && (Math.abs(opened.width - opened.own) > 1 || opened.note || Math.abs(closed.width - before) > 1)) {
    return { problem: `trusted, the picture should take its own width opened and its width before closed: ${line}`, line };
  }
  if (trusted && opened.ring < 2) return { problem: `the focused control shows no ring of 2 px or more: ${line}`, line };
  if (!trusted && !opened.note) return { problem: `untrusted, the opened control should say how to trust the notebook: ${line}`, line };
  return { problem: null, line };
}

// The Full size button of the first view that has one (views' view.js), from the keyboard: focused,
// Space shows the picture at its own size (the svg as wide as its viewBox), Space again fits it back.
// Returns a problem or null, and a line of what it saw.
async function checkViewFullSize(page) {
  const button = page.locator('div.gograd-view .gograd-controls button', { hasText: 'Full size' }).first();
  if (!(await button.count())) return { problem: null, line: null };
  const width = () => button.evaluate((b) => {
    const svg = b.closest('div.gograd-view').querySelector('.gograd-picture svg');
    return { shown: svg.getBoundingClientRect().width, own: svg.viewBox.baseVal.width * 4 / 3, pressed: b.getAttribute('aria-pressed') };
  });
  await button.scrollIntoViewIfNeeded();
  await button.focus();
  const before = await width();
  await page.keyboard.press('Space');
  const opened = await width();
  await page.keyboard.press('Space');
  const closed = await width();
  const line = `view: ${Math.round(before.shown)} px wide, Space ${Math.round(opened.shown)} px (its own ${Math.round(opened.own)} px, pressed ${opened.pressed}), Space ${Math.round(closed.shown)} px`;
  if (Math.abs(opened.shown - opened.own) > 1 || opened.pressed !== 'true' || Math.abs(closed.shown - before.shown) > 1 || closed.pressed !== 'false') {
    return { problem: `a view's Full size button: ${line}`, line };
  }
  return { problem: null, line };
}

async function open(page, ui, p, cellCount) {
  await page.goto(pageURL(ui, p));
  await page.waitForFunction((n) => document.querySelectorAll('.jp-NotebookPanel .jp-Cell').length === n &&
    !document.querySelector('.jp-NotebookPanel .jp-Cell .jp-OutputArea-output[data-mime-type=""]'), cellCount, { timeout: 90_000 });
  await settle(page);
}

async function sessionsOf(p) {
  return (await api('GET', 'api/sessions')).filter((s) => s.path === p || s.notebook?.path === p);
}
// Shuts the notebook's kernel down through the sessions API (once it has started) and waits until
// the server runs it no more.
async function stopKernel(page, p) {
  const deadline = Date.now() + KERNEL_START_S * 1000;
  let sessions;
  while (!(sessions = await sessionsOf(p)).length && Date.now() < deadline) await page.waitForTimeout(250);
  for (const s of sessions) await api('DELETE', `api/sessions/${s.id}`);
  const gone = sessions.map((s) => s.kernel?.id);
  while ((await api('GET', 'api/kernels')).some((k) => gone.includes(k.id))) await page.waitForTimeout(250);
}

async function restartAndRunAll(page, p) {
  const kernelIdle = async () => (await sessionsOf(p)).some((s) => s.kernel?.execution_state === 'idle');
  const deadline = Date.now() + KERNEL_START_S * 1000;
  while (!(await kernelIdle())) {
    if (Date.now() > deadline) throw new Error(`the kernel was not idle within ${KERNEL_START_S} s of opening`);
    await page.waitForTimeout(500);
  }
  // Which cells go to [*]: a cell that ran shows a number after having been queued.
  await page.evaluate(() => {
    window.gogradQueued = new Set();
    const cells = () => [...document.querySelectorAll('.jp-NotebookPanel .jp-Cell')];
    new MutationObserver(() => cells().forEach((c, i) => {
      if ((c.querySelector('.jp-InputPrompt')?.textContent || '').includes('*')) window.gogradQueued.add(i);
    })).observe(document.querySelector('.jp-NotebookPanel'), { childList: true, subtree: true, characterData: true });
  });
  await page.click('.lm-MenuBar-item:has-text("Kernel")');
  await page.click('.lm-Menu-item[data-command="runmenu:restart-and-run-all"]');
  const dialog = page.locator('.jp-Dialog');
  await dialog.waitFor({ timeout: 10_000 });
  const text = (await dialog.innerText()).replace(/\s+/g, ' ');
  if (!/restart/i.test(text)) throw new Error(`Run All asked something else than to restart: ${text}`);
  await dialog.locator('.jp-Dialog-button.jp-mod-accept').click();
  await page.evaluate((t) => { window.gogradDialogs = window.gogradDialogs.filter((d) => d !== t); }, await page.evaluate(() => window.gogradDialogs.at(-1)));
  const end = Date.now() + RUN_TIMEOUT_S * 1000;
  await page.waitForFunction(() => window.gogradQueued.size > 0, null, { timeout: 30_000 });
  for (;;) {
    const busy = await page.evaluate(() => [...document.querySelectorAll('.jp-NotebookPanel .jp-InputPrompt')].some((e) => e.textContent.includes('*')));
    if (!busy && (await kernelIdle())) break;
    if (Date.now() > end) throw new Error(`Restart & Run All did not finish within ${RUN_TIMEOUT_S} s`);
    await page.waitForTimeout(500);
  }
}

// Runs views.mjs's checks on the page; returns problems, and the medians.
const timingLines = [];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function viewChecks(page, stem, check, state = check) {
  await page.evaluate(pageHelpers);
  const { problems, times } = await checkViews(page, stem);
  if (!times.length) return { problems, ms: null };
  const handler = times.map((t) => t.handler);
  const frame = times.map((t) => t.frame);
  const line = `${stem} (${state}): ${times.length} actions; numbers changed within ${Math.max(...handler).toFixed(1)} ms ` +
    `(median ${median(handler).toFixed(1)}); next frame median ${median(frame).toFixed(1)} ms, max ${Math.max(...frame).toFixed(1)}`;
  timingLines.push({ stem, check, line });
  // Medians: a single slow frame on a busy machine says nothing about the views. The numbers must
  // change within 100 ms (the views' own work); the next frame also waits for whatever else the
  // machine runs (seen: 0.5-0.9 s medians at a load average of 20 on 2 cores, 2-10 ms when quiet),
  // so it fails only past a second, a page the view itself holds up.
  if (median(handler) > 100 || median(frame) > 1000) problems.push(`too slow: ${line}`);
  return { problems, ms: `${dec(median(handler))}/${dec(median(frame))}` };
}

// In the page, untrusted: each view shows its still picture and the note, and no script set it up.
// The note must name the way to trust the notebook in this UI (JupyterLab: the command palette;
// Notebook 7: File > Trust Notebook); trustMenus checks that those are where the note says.
function stillViews(ui) {
  const how = ui === 'lab' ? /Ctrl\+Shift\+C \(the command palette\), then Trust Notebook/ : /File ▸ Trust Notebook/;
  return [...document.querySelectorAll('div.gograd-view')].map((v) => ({
    ready: v.hasAttribute('data-gograd-ready'),
    still: !!v.querySelector('.gograd-still img') && v.querySelector('.gograd-still img').naturalWidth > 0,
    note: /trusted notebook/.test(v.querySelector('.gograd-still')?.textContent || '') && how.test(v.querySelector('.gograd-still')?.textContent || ''),
  }));
}

// Where Trust Notebook is in the UI, found as a student finds it, with real clicks and keys: in
// JupyterLab, Ctrl+Shift+C opens the command palette, and typing "trust" must offer Trust
// Notebook; in Notebook 7, the File menu must hold it. Returns a problem, or null.
async function trustMenus(page, ui) {
  if (ui === 'lab') {
    await page.locator('.jp-NotebookPanel .jp-Notebook').first().click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Shift+C');
    await page.keyboard.type('trust');
    const item = page.locator('.lm-CommandPalette-item:visible', { hasText: 'Trust Notebook' });
    const found = await item.first().waitFor({ timeout: 5000 }).then(() => true, () => false);
    await page.keyboard.press('Escape');
    return found ? null : 'the command palette (Ctrl+Shift+C) offers no Trust Notebook';
  }
  await page.locator('.lm-MenuBar-itemLabel', { hasText: /^File$/ }).first().click();
  const item = page.locator('.lm-Menu-itemLabel:visible', { hasText: 'Trust Notebook' });
  const found = await item.first().waitFor({ timeout: 5000 }).then(() => true, () => false);
  await page.keyboard.press('Escape');
  return found ? null : 'the File menu holds no Trust Notebook';
}

async function setTheme(theme) {
  const id = '@jupyterlab/apputils-extension:themes';
  const before = (await api('GET', `lab/api/settings/${id}`)).raw;
  await api('PUT', `lab/api/settings/${id}`, { raw: JSON.stringify({ theme }) });
  return before;
}

const fmt = (x) => (x === null || x === undefined ? '-' : Math.round(x).toString());
const dec = (x) => (x === null || x === undefined ? '-' : x.toFixed(1));
const rows = []; // one per graph
const summary = []; // one per notebook and check
const failed = [];
const started = Date.now();
let themeBefore = null;

try {
  const contexts = [];
  for (let i = 0; i < JOBS; i++) contexts.push(await newContext());
  context = contexts[0];
  const kernels = Object.keys((await api('GET', 'api/kernelspecs')).kernelspecs);
  const served = {};
  for (const p of notebooks) served[p] = (await api('GET', `api/contents/${urlPath(p)}?content=1&type=notebook`)).content;

  for (const check of CHECKS) {
    const [, ui, dark, state] = /^(lab|notebook)(-dark)?:(\w+)$/.exec(check) || [];
    if (dark && themeBefore === null) themeBefore = await setTheme('JupyterLab Dark');
    if (!dark && themeBefore !== null && check !== 'export') { await api('PUT', 'lab/api/settings/@jupyterlab/apputils-extension:themes', { raw: themeBefore }); themeBefore = null; }
    const checkOne = async (p, context) => {
      const stem = path.basename(p).replace(/\.ipynb$/, '');
      const want = promises(served[p]);
      const problems = [];
      const fail = (cell, what, message) => problems.push(`${cell === null ? '' : `cell ${cell + 1}: `}${what}: ${message}`);
      const sum = { notebook: stem, check, trusted: '-', pictures: '-', fit: '-', minText: null, views: null, contrast: null, setup: '-', seconds: 0 };
      const t0 = Date.now();
      const page = await context.newPage();
      page.on('dialog', (d) => { fail(null, 'dialog', `a browser dialog opened (a label ran as script?): ${d.message()}`); d.dismiss(); });
      let opened = p;
      try {
        const lenient = state === 'small' || state === 'present';
        const record = (graphs) => {
          let fits = true;
          let min = null;
          graphs.forEach((list, cell) => list.forEach((g, i) => {
            const whole = g.shownWidth >= g.width - 0.5 && g.shownHeight >= g.height - 0.5;
            rows.push([stem, check, cell + 1, i + 1, g.kind, `${fmt(g.width)}x${fmt(g.height)}`, `${fmt(g.shownWidth)}x${fmt(g.shownHeight)}`,
              fmt(g.areaWidth), whole ? 'yes' : 'NO', dec(g.minText), g.rootShown === null ? '-' : g.rootShown ? 'yes' : 'NO']);
            if (g.minText !== null) min = min === null ? g.minText : Math.min(min, g.minText);
            // In the small window and on the projector, a graph may sit in a box that scrolls (there
            // is a way to see all of it); cut with no scrollbar, it fails.
            const seen = lenient && g.scrolls;
            if (g.shownWidth < g.width - 0.5 && !seen) {
              fits = false;
              fail(cell, 'fit', `graph ${i + 1} is ${fmt(g.width)} px wide, its output area ${fmt(g.areaWidth)} px: only ${fmt(g.shownWidth)} px show`);
            }
            if (g.shownHeight < g.height - 0.5 && !seen) {
              fits = false;
              fail(cell, 'fit', `graph ${i + 1} is ${fmt(g.height)} px tall and only ${fmt(g.shownHeight)} px show: it sits in a scrolled box`);
            }
            if (g.rootShown === false && !seen) { fits = false; fail(cell, 'fit', `graph ${i + 1}'s root (its last box) does not show`); }
            const least = state === 'present' ? MIN_PRESENT_PX : MIN_TEXT_PX;
            if (g.minText !== null && g.minText < least - 0.05) { fits = false; fail(cell, 'fit', `graph ${i + 1}'s smallest text is ${dec(g.minText)} px (< ${least})`); }
          }));
          sum.fit = fits ? 'yes' : 'NO';
          sum.minText = min;
        };
        const pictures = (graphs) => {
          let drawn = 0;
          let stored = 0;
          want.cells.forEach((c, cell) => {
            const n = graphs[cell]?.length ?? 0;
            stored += c.pictures;
            drawn += Math.min(n, c.pictures);
            if (n < c.pictures) fail(cell, 'pictures', `${c.pictures} stored picture(s), ${n} drawn`);
          });
          sum.pictures = `${drawn}/${stored}`;
        };

        if (check === 'export') {
          const url = `${BASE}nbconvert/html/${urlPath(p)}?download=false${env.JUPYTER_TOKEN ? `&token=${env.JUPYTER_TOKEN}` : ''}`;
          await page.goto(url);
          await page.waitForFunction((n) => document.querySelectorAll('div.gograd-view[data-gograd-ready]').length === n, viewCounts[stem] || 0, { timeout: 30_000 });
          // The export has no .jp-Cell widgets of JupyterLab's: count its pictures from its cells.
          const drawn = await page.evaluate(() => [...document.querySelectorAll('.jp-Cell')].map((cell) =>
            [...cell.querySelectorAll('.jp-OutputArea-output svg, .jp-OutputArea-output img[src^="data:image/svg+xml"]')]
              .filter((e) => !e.parentElement.closest('svg') && e.getBoundingClientRect().width > 0).map(() => ({}))));
          pictures(drawn);
          if (viewCounts[stem]) {
            const v = await viewChecks(page, stem, check);
            v.problems.forEach((m) => fail(null, 'views', m));
            sum.views = v.ms;
          }
          await page.screenshot({ path: path.join(OUT_DIR, `${stem}-export.png`) });
        } else {
          if (!kernels.includes(want.kernel)) throw new Error(`the notebook's kernel "${want.kernel}" is not installed (have: ${kernels.join(', ')})`);
          let expectTrusted = want.trusted;
          if (state === 'untrusted') {
            // A copy that differs in one metadata field: its signature is in no trust database.
            opened = path.posix.join(path.posix.dirname(p), UNTRUSTED_PREFIX + path.posix.basename(p));
            const copy = structuredClone(served[p]);
            copy.metadata.gograd_browser_test = 'an untrusted copy';
            copy.cells.forEach((c) => { delete c.metadata.trusted; });
            await api('PUT', `api/contents/${urlPath(opened)}`, { type: 'notebook', format: 'json', content: copy });
            expectTrusted = false;
          }
          if (lenient) await page.setViewportSize(state === 'small' ? SMALL : PROJECTOR);
          await open(page, ui, opened, want.cells.length);
          if (lenient) await layOut(page, ui, state);
          if (state === 'run') {
            let finished = true;
            try {
              await restartAndRunAll(page, opened);
            } catch (err) {
              finished = false;
              fail(null, 'run', err.message.split('\n')[0]);
            }
            await settle(page);
            const queued = await page.evaluate(() => [...window.gogradQueued]);
            (await page.evaluate(cellStates)).forEach((c, cell) => {
              if (!want.cells[cell]?.code) return;
              if (c.errors.length && !want.cells[cell].raises) fail(cell, 'error', c.errors.join(' | '));
              if (finished && !c.empty && !(queued.includes(cell) && /\d/.test(c.prompt))) fail(cell, 'run', `did not run (prompt "${c.prompt}")`);
            });
          } else {
            const copy = promises((await api('GET', `api/contents/${urlPath(opened)}?content=1&type=notebook`)).content);
            sum.trusted = copy.trusted ? 'yes' : 'no';
            if (copy.trusted !== expectTrusted) fail(null, 'trust', `the server says trusted=${copy.trusted}, want ${expectTrusted}` + (expectTrusted ? ' (run `jupyter trust` on it)' : ''));
            const cells = await page.evaluate(cellStates);
            const hidden = want.cells.map((c, i) => [c, i]).filter(([c]) => c.hidden);
            hidden.forEach(([, i]) => { if (cells[i]?.inputShown) fail(i, 'setup', 'its input is saved hidden (source_hidden) but shows'); });
            sum.setup = hidden.length ? (hidden.every(([, i]) => !cells[i]?.inputShown) ? `${hidden.length} hidden` : 'SHOWN') : '-';
          }
          const graphs = await page.evaluate(measureGraphs);
          if (state !== 'run') pictures(graphs);
          record(graphs);
          if (dark) {
            const worst = (await page.evaluate(measureContrast)).map((w, cell) => w && { ...w, cell }).filter(Boolean).sort((a, b) => a.ratio - b.ratio);
            worst.filter((w) => w.ratio < MIN_CONTRAST).forEach((w) => fail(w.cell, 'contrast', `${w.what}: ${w.ratio.toFixed(2)}:1 (< ${MIN_CONTRAST}:1)`));
            sum.contrast = worst.length ? worst[0].ratio : null;
          }
          await screenshot(page, path.join(OUT_DIR, `${stem}-${check.replace(':', '-')}.png`));
          if (viewCounts[stem] && state === 'untrusted') {
            const views = await page.evaluate(stillViews, ui);
            const menu = await trustMenus(page, ui);
            if (menu) fail(null, 'views', `the note says where Trust Notebook is, but ${menu}`);
            if (views.length !== viewCounts[stem]) fail(null, 'views', `${views.length} views, want ${viewCounts[stem]}`);
            views.forEach((v, i) => {
              if (v.ready || !v.still || !v.note) fail(null, 'views', `view ${i + 1} untrusted: set up by a script ${v.ready}, still picture ${v.still}, note ${v.note}`);
            });
            sum.views = 'still';
          } else if (viewCounts[stem]) {
            // As saved, the views must work with no kernel at all.
            if (state === 'saved') await stopKernel(page, opened);
            const v = await viewChecks(page, stem, check, state === 'saved' ? `${check}, no kernel` : check);
            v.problems.forEach((m) => fail(null, 'views', m));
            sum.views = v.ms;
            if (state === 'saved') {
              await page.evaluate(() => gograd.scrollTo(0));
              await page.screenshot({ path: path.join(OUT_DIR, `${stem}-${check.replace(':', '-')}-views.png`) });
            }
          }
          if (lenient || (state === 'saved' && !dark)) {
            const z = await page.evaluate(textSizes);
            const where = { small: '1024x700, file browser open', present: '1280x720, presentation mode', saved: '1280x900' }[state];
            const line = `${stem} (${check}) sizes at ${where}: ` +
              `prose ${dec(z.prose)} px, code ${dec(z.code)} px, graphs' smallest text ${dec(sum.minText)} px, views' controls ${dec(z.controls)} px` +
              `, views' captions ${dec(z.caption)} px, training views' small print ${dec(z.smallPrint)} px; code cells wider than the cell: ${z.wideCode.length ? z.wideCode.map((c) => c + 1).join(', ') : 'none'}`;
            timingLines.push({ stem, check, line });
            if (state === 'present') {
              for (const [what, px] of [['controls', z.controls], ['captions', z.caption], ['small print', z.smallPrint]]) {
                if (px !== null && px < MIN_PRESENT_PX - 0.05) fail(null, 'projector', `the views' ${what} are ${dec(px)} px (< ${MIN_PRESENT_PX})`);
              }
            }
            if (lenient) await page.screenshot({ path: path.join(OUT_DIR, `${stem}-${check.replace(':', '-')}-window.png`) });
          }
          // The first picture's Full size control, from the keyboard: trusted it shows the picture at
          // its own width; untrusted it says how to trust the notebook.
          if ((state === 'saved' || state === 'untrusted') && !dark) {
            const f = await checkFullSize(page, state === 'saved');
            if (f.problem) fail(null, 'full size', f.problem);
            if (f.line) timingLines.push({ stem, check, line: `${stem} (${check}) full size: ${f.line}` });
          }
          if (state === 'saved' && !dark && viewCounts[stem]) {
            const f = await checkViewFullSize(page);
            if (f.problem) fail(null, 'full size', f.problem);
            if (f.line) timingLines.push({ stem, check, line: `${stem} (${check}) full size: ${f.line}` });
          }
          // Every kind of view driven from the keyboard (keyboard.mjs), as saved and on the projector.
          if ((state === 'saved' || state === 'present') && !dark) {
            const k = await checkKeyboard(page);
            k.problems.forEach((m) => fail(null, 'keyboard', m));
            k.lines.forEach((line) => timingLines.push({ stem, check, line: `${stem} (${check}) keyboard: ${line}` }));
          }
          (await page.evaluate(() => window.gogradDialogs)).forEach((d) => fail(null, 'dialog', `a dialog opened: ${d.slice(0, 200)}`));
        }
      } catch (err) {
        fail(null, 'stopped', err.message.split('\n')[0]);
        // What the page showed when it stopped, and any dialog that may have stopped it.
        await page.screenshot({ path: path.join(OUT_DIR, `${stem}-${check.replace(':', '-')}-stopped.png`) }).catch(() => {});
        (await page.evaluate(() => window.gogradDialogs).catch(() => [])).forEach((d) => fail(null, 'dialog', `a dialog opened: ${d.slice(0, 200)}`));
      } finally {
        await page.close();
        if (check !== 'export') {
          for (const s of await sessionsOf(opened).catch(() => [])) await api('DELETE', `api/sessions/${s.id}`).catch(() => {});
        }
        if (opened !== p) await api('DELETE', `api/contents/${urlPath(opened)}`).catch((e) => problems.push(`could not delete the untrusted copy: ${e.message}`));
      }
      sum.seconds = (Date.now() - t0) / 1000;
      sum.result = problems.length ? 'FAIL' : 'ok';
      summary.push(sum);
      console.log(`${problems.length ? 'FAIL' : 'ok  '} ${p} ${check} (${sum.seconds.toFixed(0)} s)`);
      problems.forEach((m) => console.log(`     ${stem} ${check}: ${m}`));
      if (problems.length) failed.push(`${p} ${check}`);
    };
    // JOBS notebooks at a time: most of a check's time is waiting (page loads, kernels).
    let next = 0;
    const these = notebooks.filter((p) => !ONLY[check] || ONLY[check].includes(path.basename(p).replace(/\.ipynb$/, '')));
    await Promise.all(contexts.slice(0, these.length).map(async (ctx) => {
      while (next < these.length) await checkOne(these[next++], ctx);
    }));
  }
} finally {
  if (themeBefore !== null) await api('PUT', 'lab/api/settings/@jupyterlab/apputils-extension:themes', { raw: themeBefore }).catch(() => {});
  await browser.close();
}

// In the order of the checks, then of the notebooks (the jobs finish in any order).
const order = (check, stem) => CHECKS.indexOf(check) * 1000 + notebooks.findIndex((p) => path.basename(p) === `${stem}.ipynb`);
rows.sort((a, b) => order(a[1], a[0]) - order(b[1], b[0]) || a[2] - b[2] || a[3] - b[3]);
summary.sort((a, b) => order(a.check, a.notebook) - order(b.check, b.notebook));
timingLines.sort((a, b) => order(a.check, a.stem) - order(b.check, b.stem));

const table = (header, body) => {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => String(r[i]).length)));
  return [header, ...body].map((r) => r.map((c, i) => String(c).padEnd(widths[i])).join('  ')).join('\n');
};
const tsv = (header, body) => [header, ...body].map((r) => r.join('\t')).join('\n') + '\n';
const graphHeader = ['notebook', 'check', 'cell', 'graph', 'kind', 'drawn_px', 'shown_px', 'area_width_px', 'fits', 'min_text_px', 'root_shown'];
const sumHeader = ['notebook', 'check', 'result', 'trusted', 'pictures_drawn', 'graphs_fit', 'min_text_px', 'views_median_ms_numbers/frame', 'min_contrast', 'setup_cells', 'seconds'];
const sumRows = summary.map((s) => [s.notebook, s.check, s.result, s.trusted, s.pictures, s.fit, dec(s.minText),
  s.views ?? '-', s.contrast === null ? '-' : s.contrast.toFixed(2), s.setup, s.seconds.toFixed(0)]);
fs.mkdirSync(OUT_DIR, { recursive: true });
fs.writeFileSync(path.join(OUT_DIR, 'report.tsv'), tsv(graphHeader, rows));
fs.writeFileSync(path.join(OUT_DIR, 'summary.tsv'), tsv(sumHeader, sumRows));
console.log('\n' + table(graphHeader, rows));
console.log('\nViews: time from an input event to the drawn numbers, and to the next frame');
timingLines.forEach((l) => console.log('  ' + l.line));
console.log('\n' + table(sumHeader, sumRows));
console.log(`\nscreenshots, report.tsv and summary.tsv in ${OUT_DIR} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
console.log(`browser: ${summary.length - failed.length} passed, ${failed.length} failed`);
process.exit(failed.length ? 1 : 0);
