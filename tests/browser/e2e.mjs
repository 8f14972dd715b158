// End-to-end browser test of the khabar web UI: drives headless Chromium (Debian's `chromium`,
// through playwright-core) through story list → story → article → entity → search and asserts
// what a user sees. Run by tests/browser.rs, or by hand against running servers:
//
//   node tests/browser/e2e.mjs --seed http://127.0.0.1:8080 [--disaster http://127.0.0.1:8081] \
//        [--hostile http://127.0.0.1:8082] [--shots target/browser-screenshots] [--chromium /usr/bin/chromium]
//
// --seed: a server on a store made from examples/seeds (the two Hindi reports of the January
// 2022 unrest in Kazakhstan). --disaster: a server on the Hindi disaster development set
// (evaluation-only data, optional). --hostile: a server on a store of display-hostile articles
// (bidirectional overrides in a title, a 5,000-character outlet name; tests/browser.rs writes it).
// Last, a second Chromium that sees only Latin system fonts (a fontconfig file of its own) checks
// that Hindi is drawn with the served web font. Exit status 0 when every check passed; screenshots of every
// step (and of every failure) go to --shots.

import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');

function parseArgs(argv) {
  const a = { shots: path.join(repo, 'target', 'browser-screenshots'), chromium: '/usr/bin/chromium' };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = argv[i + 1];
    if (!k.startsWith('--') || v === undefined) throw new Error(`bad argument ${k}`);
    a[k.slice(2)] = v;
    i++;
  }
  if (!a.seed) throw new Error('--seed URL is required');
  return a;
}

const args = parseArgs(process.argv.slice(2));
fs.mkdirSync(args.shots, { recursive: true });

// ---- a tiny check runner -------------------------------------------------------------------

const failures = [];
let passed = 0;
function check(cond, what) {
  if (cond) {
    passed++;
    console.log(`  ok   ${what}`);
  } else {
    failures.push(what);
    console.log(`  FAIL ${what}`);
  }
  return cond;
}

async function shot(page, name, fullPage = true) {
  const file = path.join(args.shots, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

/// Runs one scenario; an exception fails it (with a screenshot) without stopping the others.
async function scenario(name, page, fn) {
  console.log(`== ${name}`);
  try {
    await fn();
  } catch (e) {
    failures.push(`${name}: ${e.message.split('\n')[0]}`);
    console.log(`  FAIL ${name}: ${e.stack}`);
    try {
      await shot(page, `FAILED-${name.replace(/[^a-z0-9]+/gi, '-')}`);
    } catch {}
  }
}

// ---- helpers -------------------------------------------------------------------------------

const seedOutlets = fs
  .readdirSync(path.join(repo, 'examples', 'seeds'))
  .filter((f) => f.endsWith('.meta.json'))
  .map((f) => JSON.parse(fs.readFileSync(path.join(repo, 'examples', 'seeds', f), 'utf8')).outlet)
  .filter(Boolean);

/** The page never scrolls sideways (the body is no wider than the viewport). */
async function noHorizontalScroll(page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
}

/** The font families Chromium actually used to draw the text of the first node matching `sel`. */
async function renderedFonts(page, sel) {
  return (await platformFonts(page, sel)).map((f) => f.familyName);
}

/** The fonts (family, whether a web font) Chromium used for the first node matching `sel`. */
async function platformFonts(page, sel) {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument');
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: sel });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    return fonts;
  } finally {
    await cdp.detach();
  }
}

/** The cells of a comparison row by outlet column: { topic, rowClass, byOutlet: {outlet: text} }. */
async function comparisonRows(page) {
  return page.evaluate(() => {
    const out = [];
    for (const table of document.querySelectorAll('table')) {
      const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim());
      for (const tr of table.querySelectorAll('tbody tr')) {
        const cells = [...tr.children];
        const byOutlet = {};
        cells.forEach((td, i) => {
          if (i > 0 && heads[i]) byOutlet[heads[i]] = td.textContent.trim();
        });
        out.push({
          topic: cells[0]?.textContent.trim() ?? '',
          rowClass: tr.className,
          byOutlet,
          topicBg: cells[0] ? getComputedStyle(cells[0]).backgroundColor : '',
        });
      }
    }
    return out;
  });
}

const plainBg = (c) => c === '' || c === 'rgba(0, 0, 0, 0)' || c === 'rgb(255, 255, 255)' || c === 'transparent';
const num = (s) => s.replace(/[,\s]/g, '');

// ---- the seed corpus -----------------------------------------------------------------------

async function seedTests(browser, base) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  const page = await ctx.newPage();
  page.setDefaultTimeout(15000);
  let storyUrl = null;
  let articleUrl = null;

  await scenario('seed: story list', page, async () => {
    await page.goto(base + '/');
    check((await page.locator('h1').first().textContent()).trim().length > 0, 'the list page has a heading');
    const items = page.locator('ul.list > li').filter({ has: page.locator('a[href^="/stories/"]') });
    const n = await items.count();
    check(n >= 1, `the list shows stories (${n})`);
    let found = null;
    for (let i = 0; i < n; i++) {
      const t = await items.nth(i).innerText();
      if (seedOutlets.every((o) => t.includes(o))) {
        found = items.nth(i);
        break;
      }
    }
    check(found !== null, `one story lists both outlets (${seedOutlets.join(', ')})`);
    if (found) {
      const meta = await found.innerText();
      check(/\b2\b/.test(meta), 'the seed story shows its size (2 articles)');
      check(/2022-01-10/.test(meta), 'the seed story shows when it was seen');
      check((await found.locator('a.chip').count()) > 0, 'the list item shows entity chips');
    }
    await shot(page, 'seed-1-list');
    if (found) {
      await found.locator('a[href^="/stories/"]').first().click();
      await page.waitForLoadState('domcontentloaded');
      storyUrl = page.url();
    }
  });

  await scenario('seed: story page', page, async () => {
    if (!storyUrl) throw new Error('no story to open');
    check(/\/stories\//.test(storyUrl), `the story page opened (${storyUrl})`);
    const text = await page.locator('main').innerText();
    for (const o of seedOutlets) check(text.includes(o), `the story page shows the outlet ${o}`);
    const rows = await comparisonRows(page);
    check(rows.length > 0, `the outlets are compared side by side (${rows.length} rows)`);
    const [jagran, statecraft] = [
      seedOutlets.find((o) => /jagran/i.test(o)),
      seedOutlets.find((o) => /statecraft/i.test(o)),
    ];
    const arrests = rows.find((r) => /arrest/i.test(r.topic) && Object.values(r.byOutlet).some((v) => /\b8000\b/.test(num(v))));
    check(!!arrests, 'the 8,000 arrests are shown');
    if (arrests && jagran) check(/\b8000\b/.test(num(arrests.byOutlet[jagran] ?? '')), 'the 8,000 arrests are under Dainik Jagran');
    const deaths = rows.find((r) => /kill|death|dead/i.test(r.topic) && Object.values(r.byOutlet).some((v) => /\b20\b/.test(v)));
    check(!!deaths, 'the 20 deaths are shown');
    if (deaths && statecraft) check(/\b20\b/.test(deaths.byOutlet[statecraft] ?? ''), 'the 20 deaths are under Statecraft');
    const conflict = rows.find(
      (r) => /conflict/.test(r.rowClass) && /almaty|अल्?माटी/i.test(r.topic) &&
        Object.values(r.byOutlet).some((v) => /capital/i.test(v)) &&
        Object.values(r.byOutlet).some((v) => /largest city/i.test(v)),
    );
    check(!!conflict, 'the Almaty capital vs largest-city conflict is a conflict row');
    if (conflict) {
      check(!plainBg(conflict.topicBg), `the conflict is marked in colour (${conflict.topicBg})`);
      check(/conflict/i.test(conflict.topic), 'the conflict row carries a "conflict" label');
      if (jagran && statecraft) {
        check(/largest city/i.test(conflict.byOutlet[jagran] ?? '') && /capital/i.test(conflict.byOutlet[statecraft] ?? ''),
          'largest city under Dainik Jagran, capital under Statecraft');
      }
    }
    check((await page.locator('.timeline li').count()) >= 3, 'the story has a timeline');
    check((await page.locator('svg.chart rect').count()) >= 1, 'the story has an articles-per-day chart');
    check((await page.locator('main a.chip').count()) >= 3, 'the story shows entity chips');
    const quotes = page.locator('blockquote');
    check((await quotes.count()) >= 1, 'the story shows quotes');
    if ((await quotes.count()) >= 1) {
      const withSpeaker = await page.locator('blockquote a.chip').count();
      check(withSpeaker >= 1, `quotes name their speakers (${withSpeaker} linked)`);
    }
    const fonts = await renderedFonts(page, 'h1');
    check(fonts.some((f) => /devanagari|mangal|nirmala|kohinoor/i.test(f)), `the Hindi title is drawn with a Devanagari font (${fonts.join(', ')})`);
    await shot(page, 'seed-2-story');
  });

  await scenario('seed: fact link to the highlighted sentence', page, async () => {
    if (!storyUrl) throw new Error('no story to open');
    await page.goto(storyUrl);
    // The claim link of the arrests row.
    const link = page
      .locator('tbody tr')
      .filter({ hasText: /arrest/i })
      .locator('td.claim a[href*="/articles/"]')
      .filter({ hasText: /8,?000/ })
      .first();
    check((await link.count()) === 1, 'the 8,000 arrests link to their sentence');
    await link.click();
    await page.waitForLoadState('domcontentloaded');
    articleUrl = page.url().replace(/#.*$/, '');
    check(/\/articles\/[^#]+#s\d+$/.test(page.url()), `the link opens the article at a sentence (${page.url()})`);
    const target = await page.evaluate(() => {
      const t = document.querySelector(':target');
      if (!t) return null;
      const r = t.getBoundingClientRect();
      return { text: t.textContent, bg: getComputedStyle(t).backgroundColor, top: r.top, bottom: r.bottom, h: window.innerHeight };
    });
    check(target !== null, 'the sentence is the page target');
    if (target) {
      check(/आठ हजार|8,?000/.test(target.text), `the highlighted sentence is the arrests sentence ("${target.text.slice(0, 60)}")`);
      check(!plainBg(target.bg), `the sentence is highlighted (${target.bg})`);
      check(target.bottom > 0 && target.top < target.h, 'the sentence is scrolled into view');
    }
    const meta = await page.locator('main p.meta').first().innerText();
    check(seedOutlets.some((o) => meta.includes(o)), 'the article page names its outlet');
    check((await page.locator('main a[href^="/stories/"]').count()) >= 1, 'the article page links back to its story');
    await shot(page, 'seed-3-article', false);
  });

  await scenario('seed: entity page', page, async () => {
    if (!articleUrl) throw new Error('no article to open');
    await page.goto(articleUrl);
    const chip = page.locator('main a.chip.person[href^="/entities/"]').first();
    check((await chip.count()) === 1, 'the article shows person chips');
    const name = (await chip.innerText()).trim();
    await chip.click();
    await page.waitForLoadState('domcontentloaded');
    check(/\/entities\//.test(page.url()), `the chip opens the entity page (${name})`);
    check((await page.locator('h1').innerText()).includes(name), 'the entity page is titled with its name');
    const storyPath = new URL(storyUrl).pathname;
    check((await page.locator(`main a[href="${storyPath}"]`).count()) >= 1, 'the entity page lists the seed story');
    check((await page.locator('main a[href^="/articles/"]').count()) >= 1, 'the entity page lists its articles');
    check((await page.locator('svg.chart rect').count()) >= 1, 'the entity page has an articles-per-day chart');
    await shot(page, 'seed-4-entity');
  });

  await scenario('seed: Hindi search with another spelling', page, async () => {
    // तोकायेव: a spelling of Tokayev that neither article uses (they write टोकायेव and टोकायव).
    const q = 'तोकायेव';
    await page.goto(base + '/');
    await page.locator('header input[name="q"]').fill(q);
    await page.locator('header form button').click();
    await page.waitForLoadState('domcontentloaded');
    check(/\/search\?/.test(page.url()), 'the header search box opens the search page');
    const hits = page.locator('main ul.list li a[href^="/articles/"]');
    const n = await hits.count();
    check(n >= 1, `the search finds seed articles (${n})`);
    if (n >= 1) {
      const first = hits.first();
      const href = await first.getAttribute('href');
      await shot(page, 'seed-5-search');
      await first.click();
      await page.waitForLoadState('domcontentloaded');
      const body = await page.locator('.text').innerText();
      check(!body.includes(q), 'the article found does not contain the query spelling');
      check(/टोकाय/.test(body), 'the article found writes the name another way');
      check(page.url().endsWith(href), 'a search result opens its article');
    }
  });

  await scenario('seed: counts, plurals and filter choices', page, async () => {
    await page.goto(base + '/');
    const counts = (await page.locator('p.counts').first().innerText()).trim();
    check(/^\d+ (story|stories) · \d+ (article|articles)/.test(counts), `the list counts stories and articles ("${counts}")`);
    const main = await page.locator('main').innerText();
    check(!/\b1 (articles|stories)\b/.test(main), 'no "1 articles" or "1 stories"');
    const outletOpts = await page.locator('select[name="outlet"] option').allInnerTexts();
    for (const o of seedOutlets) check(outletOpts.some((t) => t.startsWith(o) && /\(\d+\)$/.test(t)), `the outlet filter offers ${o} with a count`);
    const langOpts = await page.locator('select[name="language"] option').allInnerTexts();
    check(langOpts.some((t) => /^Hindi \(\d+\)$/.test(t)), `the language filter offers Hindi by name (${langOpts.join(' | ')})`);
    await page.locator('select[name="language"]').selectOption('hi');
    await page.locator('form.filters button').click();
    await page.waitForLoadState('domcontentloaded');
    check(/language=hi/.test(page.url()), 'choosing Hindi filters the list');
    const after = (await page.locator('p.counts').first().innerText()).trim();
    check(/matching the filters/.test(after), `the counts say they follow the filters ("${after}")`);
    check((await page.locator('select[name="language"]').inputValue()) === 'hi', 'the chosen language stays selected');
    await shot(page, 'seed-8-filtered');
  });

  await scenario('seed: one-day chart, sources once, feed link', page, async () => {
    if (!storyUrl) throw new Error('no story to open');
    await page.goto(storyUrl);
    const labels = await page.locator('svg.chart text').allTextContents();
    const dates = labels.filter((t) => /^\d{4}-\d{2}-\d{2}$/.test(t));
    check(new Set(dates).size === dates.length, `the chart never names one date twice (${dates.join(', ')})`);
    const rows = await page.locator('.timeline .sources').allInnerTexts();
    const repeated = rows.filter((r) => {
      const names = r.split(' · ').map((x) => x.replace(/\d+$/, '').trim());
      return new Set(names).size !== names.length;
    });
    check(rows.length > 0 && repeated.length === 0, `each source is named once per timeline entry (${repeated[0] ?? 'ok'})`);
    const feed = await page.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute('href');
    check(/\/feed\.atom$/.test(feed ?? ''), `the story page names its Atom feed (${feed})`);
    const r = await page.request.get(new URL(feed, page.url()).href);
    check(r.ok() && /atom\+xml/.test(r.headers()['content-type'] ?? ''), 'the story feed answers as Atom');
    check(((await r.text()).match(/<entry>/g) ?? []).length >= 2, 'the story feed lists its articles');
  });

  await scenario('seed: the Hindi UI is Hindi throughout', page, async () => {
    if (!storyUrl) throw new Error('no story to open');
    await page.goto(storyUrl + '?ui=hi');
    const deva = /[\u0900-\u097F]/;
    const badges = await page.locator('.timeline .badge').allInnerTexts();
    check(badges.length > 0 && badges.every((b) => deva.test(b)), `event kinds are in Hindi (${badges.slice(0, 4).join(', ')})`);
    const topics = await page.locator('td.topic').allInnerTexts();
    const english = topics.filter((t) => /\b(arrested|killed|says|is|by|protest|duration)\b/.test(t));
    check(topics.length > 0 && english.length === 0, `comparison topics are in Hindi (${english[0] ?? topics.slice(0, 3).join(' | ')})`);
    const heads = await page.locator('main h2').allInnerTexts();
    check(heads.every((h) => deva.test(h)), `section headings are in Hindi (${heads.join(', ')})`);
    await shot(page, 'seed-9-hindi-story');
    await page.goto(base + '/?ui=hi');
    const counts = await page.locator('p.counts').first().innerText();
    check(/ख़बर/.test(counts) && /लेख/.test(counts), `the Hindi list counts in Hindi (${counts})`);
    await page.goto(base + '/?ui=en');
  });

  await scenario('seed: top stories and coverage', page, async () => {
    await page.goto(base + '/top');
    const items = page.locator('ol.top > li');
    check((await items.count()) >= 1, 'the top stories are listed');
    check(/independent outlets?/.test(await items.first().innerText()), 'each top story shows why it ranks');
    const feed = await page.locator('a[href="/top/feed.atom"]').count();
    check(feed === 1, 'the top stories offer a feed');
    await shot(page, 'seed-10-top');
    await page.goto(base + '/coverage');
    const hi = await page.locator('#only-hi li').count();
    check(hi >= 1, `the seed story (Hindi outlets only) is in the Hindi-only column (${hi})`);
    check((await page.locator('#only-en').count()) === 1, 'the coverage view has an English-only column');
    await shot(page, 'seed-11-coverage');
  });

  await scenario('seed: Hindi UI', page, async () => {
    if (!storyUrl) throw new Error('no story to open');
    await page.goto(storyUrl + '?ui=hi');
    check((await page.locator('html').getAttribute('lang')) === 'hi', 'the Hindi UI sets lang=hi');
    const nav = await page.locator('header nav').innerText();
    check(nav.includes('ख़बरें'), 'the Hindi UI labels the navigation in Hindi');
    await page.goto(base + '/');
    check((await page.locator('html').getAttribute('lang')) === 'hi', 'the choice of Hindi is remembered');
    await shot(page, 'seed-6-hindi-list');
    await page.goto(base + '/?ui=en');
  });
  await ctx.close();

  const phone = await browser.newContext({
    viewport: { width: 375, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  const p2 = await phone.newPage();
  await scenario('seed: phone-size viewport', p2, async () => {
    if (!storyUrl || !articleUrl) throw new Error('no story or article to open');
    for (const [name, url] of [['list', base + '/'], ['story', storyUrl], ['article', articleUrl], ['search', base + '/search?q=' + encodeURIComponent('पुतिन')], ['top', base + '/top'], ['coverage', base + '/coverage']]) {
      await p2.goto(url);
      check(await noHorizontalScroll(p2), `no horizontal scroll on the ${name} page at 375 px`);
      const tall = await p2.evaluate(() => Math.max(0, ...[...document.querySelectorAll('select')].map((s) => s.getBoundingClientRect().height)));
      check(tall < 60, `filter choices keep a normal height on the ${name} page (${Math.round(tall)} px)`);
      await shot(p2, `seed-7-phone-${name}`);
    }
  });
  await phone.close();
}

// ---- the Hindi disaster development set ----------------------------------------------------

async function disasterTests(browser, base) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  page.setDefaultTimeout(15000);
  await scenario('disaster: story list → story', page, async () => {
    await page.goto(base + '/');
    const items = page.locator('ul.list > li').filter({ has: page.locator('a[href^="/stories/"]') });
    const n = await items.count();
    check(n >= 10, `the list shows many stories (${n})`);
    // The first story of several articles.
    let pick = null;
    let size = 0;
    for (let i = 0; i < n && !pick; i++) {
      const meta = await items.nth(i).locator('.meta').first().innerText();
      const m = meta.match(/^(\d+)/);
      if (m && Number(m[1]) >= 2) {
        pick = items.nth(i);
        size = Number(m[1]);
      }
    }
    check(pick !== null, `a story of several articles is listed (${size})`);
    await shot(page, 'disaster-1-list');
    if (!pick) return;
    await pick.locator('a[href^="/stories/"]').first().click();
    await page.waitForLoadState('domcontentloaded');
    check(/\/stories\//.test(page.url()), 'the story page opened');
    const listed = await page.locator('main ul.list:last-of-type > li a[href^="/articles/"]').count();
    check(listed === size, `the story page lists its ${size} articles (${listed})`);
    check((await page.locator('h1').innerText()).trim().length > 0, 'the story has a title');
    await shot(page, 'disaster-2-story');
    check(await (async () => {
      await page.setViewportSize({ width: 375, height: 740 });
      return noHorizontalScroll(page);
    })(), 'no horizontal scroll on the disaster story page at 375 px');
    await page.setViewportSize({ width: 1280, height: 900 });
  });
  await scenario('disaster: Hindi search', page, async () => {
    await page.goto(base + '/search?q=' + encodeURIComponent('भूकंप'));
    const n = await page.locator('main ul.list li a[href^="/articles/"]').count();
    check(n >= 3, `searching भूकंप finds articles (${n})`);
    check((await page.locator('main mark').count()) >= 1, 'the matches are marked in the snippets');
    await shot(page, 'disaster-3-search');
  });
  await ctx.close();
}


// ---- display safety: a store of hostile articles -------------------------------------------

async function hostileTests(browser, base) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  page.setDefaultTimeout(15000);
  await scenario('hostile: bidi controls and a 5,000-character outlet name', page, async () => {
    for (const url of ['/', '/search?q=' + encodeURIComponent('harbour fire')]) {
      await page.goto(base + url);
      const html = await page.content();
      check(!html.includes('\u202E'), `no right-to-left override reaches the page (${url})`);
      check(await noHorizontalScroll(page), `no horizontal scroll with a 5,000-character outlet name (${url})`);
    }
    await page.goto(base + '/');
    const titles = await page.locator('ul.list > li strong').allInnerTexts();
    check(titles.some((t) => t.includes('abcgpj.exe')), `the title reads in its stored order (${titles.find((t) => t.startsWith('abc'))})`);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    check(width <= 1281, `the page stays 1280 px wide (${width})`);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    check(height < 2500, `the long outlet name is cut in the list, not 40 lines of x (${height} px tall)`);
    await shot(page, 'hostile-1-list');
    const story = page.locator('ul.list > li a[href^="/stories/"]').filter({ hasText: 'abc' }).first();
    await story.click();
    await page.waitForLoadState('domcontentloaded');
    check(await noHorizontalScroll(page), 'no horizontal scroll on the hostile story page');
    await shot(page, 'hostile-2-story');
  });
  await scenario('hostile: numbered paging', page, async () => {
    await page.goto(base + '/?limit=2');
    const pages = await page.locator('nav.pager a, nav.pager span[aria-current]').allInnerTexts();
    check(pages.includes('2'), `the list is paged by number (${pages.join(' ')})`);
    await page.locator('nav.pager a', { hasText: /^2$/ }).click();
    await page.waitForLoadState('domcontentloaded');
    check((await page.locator('nav.pager [aria-current="page"]').innerText()) === '2', 'page 2 is marked current');
    check(/limit=2/.test(page.url()) && /page=2/.test(page.url()), `paging keeps the page size (${page.url()})`);
    await shot(page, 'hostile-3-page-2');
  });
  await ctx.close();
}

// ---- a machine without a Devanagari font ---------------------------------------------------

/** A fontconfig setup that shows Chromium only the Latin fonts of one folder. */
function latinOnlyFontconfig() {
  const dir = path.join(args.shots, 'fontconfig');
  fs.mkdirSync(dir, { recursive: true });
  const fonts = ['/usr/share/fonts/truetype/dejavu', '/usr/share/fonts/truetype/liberation'].filter((d) => fs.existsSync(d));
  const conf = path.join(dir, 'fonts.conf');
  fs.writeFileSync(conf, `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n${fonts.map((d) => `  <dir>${d}</dir>`).join('\n')}\n  <cachedir>${path.join(dir, 'cache')}</cachedir>\n</fontconfig>\n`);
  return conf;
}

async function noFontTests(base) {
  const conf = latinOnlyFontconfig();
  const browser = await chromium.launch({
    executablePath: args.chromium,
    headless: true,
    args: launchArgs,
    env: { ...process.env, FONTCONFIG_FILE: conf, FONTCONFIG_PATH: path.dirname(conf) },
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(15000);
    await scenario('no system Devanagari font: the web font draws Hindi', page, async () => {
      // The setup works: a page of our own, with no web font, has no Devanagari font to use.
      await page.setContent('<p id="x" style="font-family:sans-serif">कज़ाख़स्तान में हिंसा</p>');
      const bare = await platformFonts(page, '#x');
      check(!bare.some((f) => /devanagari|lohit|mangal|gargi|kalimati/i.test(f.familyName)),
        `this browser sees no system Devanagari font (${bare.map((f) => f.familyName).join(', ')})`);
      await page.goto(base + '/');
      await page.locator('ul.list > li strong').first().waitFor();
      await page.evaluate(() => document.fonts.ready);
      const fonts = await platformFonts(page, 'ul.list > li strong');
      check(fonts.some((f) => f.familyName === 'Noto Sans Devanagari' && f.isCustomFont),
        `Hindi titles are drawn with the served web font (${fonts.map((f) => `${f.familyName}${f.isCustomFont ? '*' : ''}`).join(', ')})`);
      const tofu = await page.evaluate(() => document.fonts.check('16px "Noto Sans Devanagari"', 'क'));
      check(tofu, 'the web font is loaded for Devanagari');
      await shot(page, 'nofont-1-list');
      await page.goto(base + '/?ui=hi');
      await page.evaluate(() => document.fonts.ready);
      const nav = await platformFonts(page, 'header nav a');
      check(nav.some((f) => f.familyName === 'Noto Sans Devanagari'), 'the Hindi UI labels use the web font');
      await shot(page, 'nofont-2-hindi-ui');
      await page.goto(base + '/?ui=en');
    });
  } finally {
    await browser.close();
  }
}

// ---- main ----------------------------------------------------------------------------------

const launchArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const browser = await chromium.launch({
  executablePath: args.chromium,
  headless: true,
  args: launchArgs,
});
try {
  await seedTests(browser, args.seed.replace(/\/$/, ''));
  if (args.disaster) await disasterTests(browser, args.disaster.replace(/\/$/, ''));
  else console.log('== disaster: skipped (no --disaster server)');
  if (args.hostile) await hostileTests(browser, args.hostile.replace(/\/$/, ''));
  else console.log('== hostile: skipped (no --hostile server)');
} finally {
  await browser.close();
}
await noFontTests(args.seed.replace(/\/$/, ''));
console.log(`\n${passed} checks passed, ${failures.length} failed; screenshots in ${args.shots}`);
if (failures.length) {
  for (const f of failures) console.log(`  failed: ${f}`);
  process.exit(1);
}
