// The review page as a person uses it, in headless Chromium: upload sample
// cards, see them in the queue with their crops, correct a field, accept a
// card with one key, merge two cards, mark a follow-up done, download the
// vCard and check it. Screenshots of the queue and of an edit at 1280 and
// 390 px go to SCREENSHOTS.
// node review-page.cjs URL NODE_MODULES SAMPLES SCREENSHOTS
'use strict';

const path = require('path');
const fs = require('fs');
const assert = require('assert/strict');

const [url, modules, samples, shots] = process.argv.slice(2);
const { chromium } = require(path.resolve(modules, 'playwright-core'));

const truth = JSON.parse(fs.readFileSync(path.join(samples, 'truth.json'), 'utf8'));
const cardsOf = (file) => truth.find((t) => t.file === file).cards;
const familyName = (card) => card.name.replace(/,.*$/, '').trim().split(/\s+/).pop();

function step(text) { console.log('e2e: ' + text); }

async function main() {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-dev-shm-usage'],
  });
  const failures = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, acceptDownloads: true });
    const page = await context.newPage();
    page.on('dialog', (d) => { failures.push('a dialog opened: ' + d.message()); d.dismiss(); });
    page.on('pageerror', (e) => failures.push('page error: ' + e.message));
    // Failed requests are judged by URL below; every other console error fails the test.
    const expectedMissing = new Set();
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) failures.push('console error: ' + m.text());
    });
    page.on('response', (r) => {
      if (r.status() >= 400 && !expectedMissing.has(new URL(r.url()).pathname)) failures.push(r.status() + ' for ' + r.url());
    });

    // Helpers that read the store through the page's own API and token.
    const apiGet = (p) => page.evaluate(async (p) => {
      const t = document.querySelector('meta[name="csrf-token"]').content;
      const r = await fetch(p, { headers: { 'X-CSRF-Token': t } });
      return r.json();
    }, p);
    const apiPost = (p, body) => page.evaluate(async ([p, body]) => {
      const t = document.querySelector('meta[name="csrf-token"]').content;
      const r = await fetch(p, { method: 'POST', headers: { 'X-CSRF-Token': t, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      return { status: r.status, body: await r.json() };
    }, [p, body]);
    const queueItem = (text) => page.locator('.queue-item', { hasText: text });
    const waitUploads = async (n) => {
      await page.waitForFunction((n) => document.querySelectorAll('.upload-row.done, .upload-row.failed').length >= n, n, { timeout: 240000 });
      const failed = await page.locator('.upload-row.failed .state').allTextContents();
      assert.deepEqual(failed, [], 'uploads failed: ' + failed.join('; '));
    };

    await page.goto(url);
    await page.waitForSelector('#detail .empty');

    step('upload one sample card with the file picker');
    const first = cardsOf('img_001.jpg')[0];
    await page.fill('#upload-event', 'Sample Expo');
    await page.dispatchEvent('#upload-event', 'change');
    await page.setInputFiles('#file-input', path.join(samples, 'img_001.jpg'));
    await waitUploads(1);
    await queueItem(familyName(first)).first().waitFor();
    const crop = page.locator('#crop');
    await crop.waitFor();
    await page.waitForFunction(() => { const i = document.getElementById('crop'); return i && i.complete && i.naturalWidth > 200; });
    assert.match(await page.locator('.detail-head h1').textContent(), new RegExp(familyName(first)));
    assert.ok(await page.locator('.source').count() > 0, 'the OCR line of each field is shown');

    step('upload more cards, a sheet of five among them');
    const more = ['img_002.jpg', 'img_012.jpg', 'img_022.jpg', 'img_037.jpg'];
    await page.setInputFiles('#file-input', more.map((f) => path.join(samples, f)));
    await waitUploads(1 + more.length);
    const expected = 1 + more.reduce((n, f) => n + cardsOf(f).length, 0);
    await page.waitForFunction((n) => document.querySelectorAll('.queue-item').length === n, expected);
    await page.waitForFunction(() => { const i = document.getElementById('crop'); return i && i.complete && i.naturalWidth > 200; });
    await page.screenshot({ path: path.join(shots, 'queue-1280.png') });

    step('correct a field, and Enter saves it, marks the card reviewed and opens the next');
    await queueItem(familyName(first)).first().click();
    await page.waitForFunction((f) => document.querySelector('.detail-head h1').textContent.includes(f), familyName(first));
    const firstId = (await apiGet('/api/queue?scope=review')).items.find((i) => i.name.includes(familyName(first))).id;
    const title = page.locator('#fields input[name="title"]');
    await title.click();
    await title.fill('Chief Testing Officer');
    await page.waitForSelector('.field.changed');
    await page.screenshot({ path: path.join(shots, 'edit-1280.png') });
    await page.keyboard.press('Enter');
    await page.waitForFunction((f) => !document.querySelector('.detail-head h1').textContent.includes(f), familyName(first));
    const corrected = await apiGet('/api/contact/' + firstId);
    assert.equal(corrected.title, 'Chief Testing Officer');
    assert.equal(corrected.reviewed, true);
    assert.equal(await queueItem(familyName(first)).count(), 0, 'a reviewed card leaves the review queue');

    step('accept the next card with one key');
    const nextName = await page.locator('.detail-head h1').textContent();
    const nextId = (await apiGet('/api/queue?scope=review')).items.find((i) => i.name === nextName).id;
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => document.querySelector('.detail-head h1').textContent !== n, nextName);
    assert.equal((await apiGet('/api/contact/' + nextId)).reviewed, true);

    step('merge two cards from the page');
    await page.keyboard.press('Escape');
    await page.locator('#tab-all').click();
    // The list is redrawn when the tab's answer arrives: wait for every
    // contact to be listed before picking one, or a late redraw takes the pick back.
    await page.waitForFunction((n) => document.querySelectorAll('.queue-item').length === n, expected);
    const [a, b] = [cardsOf('img_002.jpg')[0], cardsOf('img_012.jpg')[0]];
    await queueItem(familyName(a)).first().click();
    await page.waitForFunction((f) => document.querySelector('.detail-head h1').textContent.includes(f), familyName(a));
    const all = (await apiGet('/api/queue?scope=all')).items;
    const keepId = all.find((i) => i.name.includes(familyName(a))).id;
    const otherId = all.find((i) => i.name.includes(familyName(b))).id;
    await page.fill('#merge-search', familyName(b));
    await page.locator('.merge-results button', { hasText: 'Merge into this' }).first().click();
    await page.waitForFunction((n) => document.querySelectorAll('.queue-item').length === n, expected - 1);
    const merged = await apiGet('/api/contact/' + keepId);
    for (const email of b.emails) assert.ok(merged.emails.includes(email), 'the merged contact keeps ' + email);
    assert.equal(merged.cards.length, 2);
    expectedMissing.add('/api/contact/' + otherId);
    assert.equal((await apiGet('/api/contact/' + otherId)).error !== undefined, true, 'the other card is gone');
    assert.equal(await page.locator('.crop-tabs button').count(), 2, 'both cards of the merged contact are shown');

    step('mark its follow-up done');
    await page.locator('#followup-done').click();
    await page.waitForFunction(() => !document.getElementById('followup-done'));
    const followups = (await apiGet('/api/contact/' + keepId)).followups;
    assert.ok(followups.length >= 1 && followups.every((f) => f.status === 'done'), 'the follow-up is done');
    await page.locator('#tab-followups').click();
    await page.waitForSelector('.fu');
    assert.equal(await page.locator('.fu', { hasText: familyName(a) }).count(), 0);
    await page.screenshot({ path: path.join(shots, 'followups-1280.png') });

    step('a field holding markup shows as text');
    const markup = '<img src=x onerror=alert(1)>';
    const victim = all.find((i) => i.name.includes(familyName(cardsOf('img_022.jpg')[0]))).id;
    const edited = await apiPost('/api/contact/' + victim, { company: markup, title: '<script>alert(2)</script>' });
    assert.equal(edited.status, 200);
    await page.locator('#tab-all').click();
    await page.waitForFunction((n) => document.querySelectorAll('.queue-item').length === n, expected - 1);
    await page.fill('#search', familyName(cardsOf('img_022.jpg')[0]));
    await page.waitForFunction(() => document.querySelectorAll('.queue-item').length === 1);
    await page.locator('.queue-item').first().click();
    await page.waitForFunction((m) => document.querySelector('#fields input[name="company"]').value === m, markup);
    assert.match(await page.locator('.queue-item .who span').first().textContent(), /<img src=x onerror=alert\(1\)>/);
    assert.equal(await page.locator('img[src="x"]').count(), 0, 'no element was made from the data');
    assert.equal(await page.locator('script:not([src])').count(), 0);
    await page.fill('#search', '');
    await page.waitForFunction((n) => document.querySelectorAll('.queue-item').length === n, expected - 1);

    step('a card left without a person\'s name is offered as the back side of the card scanned next to it');
    const sheet = cardsOf('img_037.jpg');
    const lone = all.find((i) => i.name.includes(familyName(sheet[1]))).id;
    await queueItem(familyName(sheet[1])).first().click();
    await page.waitForFunction((f) => document.querySelector('.detail-head h1').textContent.includes(f), familyName(sheet[1]));
    const name = page.locator('#fields input[name="name"]');
    await name.fill('');
    await name.press('Shift+Enter');
    await page.waitForSelector('#merge-suggested');
    await page.keyboard.press('Escape');
    await page.keyboard.press('m');
    await page.waitForFunction((n) => document.querySelectorAll('.queue-item').length === n, expected - 2);
    expectedMissing.add('/api/contact/' + lone);
    assert.ok((await apiGet('/api/contact/' + lone)).error, 'the nameless card was merged into its neighbour');

    step('download the vCard of everything shown and check it');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#dl-vcf').click()]);
    const vcf = fs.readFileSync(await download.path(), 'utf8');
    assert.equal((vcf.match(/BEGIN:VCARD/g) || []).length, expected - 2);
    assert.match(vcf, /\r\nTITLE:Chief Testing Officer\r\n/);
    assert.match(vcf, new RegExp('FN:[^\\r]*' + familyName(first)));
    for (const email of first.emails) assert.ok(vcf.toLowerCase().includes(email.toLowerCase()), 'vCard has ' + email);
    for (const email of b.emails) assert.ok(vcf.includes(email), 'vCard has the merged ' + email);
    const csv = await page.evaluate(async () => (await fetch(document.getElementById('dl-csv').href)).text());
    assert.ok(csv.includes('Chief Testing Officer') && csv.includes(first.emails[0]), 'the CSV download holds the same contacts');

    step('narrow screen: 390 px');
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const small = await phone.newPage();
    small.on('pageerror', (e) => failures.push('page error (390 px): ' + e.message));
    await small.goto(url);
    await small.waitForSelector('#fields');
    await small.waitForFunction(() => { const i = document.getElementById('crop'); return i && i.complete && i.naturalWidth > 200; });
    await small.screenshot({ path: path.join(shots, 'edit-390.png') });
    await small.locator('#list-toggle').click();
    await small.waitForSelector('.queue-item');
    await small.screenshot({ path: path.join(shots, 'queue-390.png') });
    const overflow = await small.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, 'no sideways scrolling at 390 px (' + overflow + ' px too wide)');
    await phone.close();

    assert.deepEqual(failures, []);
    console.log('e2e: passed; screenshots in ' + shots);
  } finally {
    await browser.close();
  }
}

main().catch((err) => {
  console.error('e2e: FAILED: ' + (err && err.stack || err));
  process.exit(1);
});
