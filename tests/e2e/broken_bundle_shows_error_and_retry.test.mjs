// A corrupt or missing bundle shows a clear error with a retry button, never a blank page,
// and the retry loads the archive once the data is good again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSite, closeSite } from '../support/browser.mjs';

let server, browser;
before(async () => ({ server, browser } = await openSite('sample')));
after(() => closeSite({ server, browser }));

test('a corrupt index file shows the error with a retry that recovers', async () => {
  const page = await browser.newPage();
  await page.route(/\/data\/index\.[0-9a-f]{16}\.json$/, (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: '{"schema":1,"issues":{"number":[5' }),
  );
  await page.goto(server.url);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /The archive could not be loaded/);
  assert.match(await alert.innerText(), /damaged/);
  assert.equal(await page.locator('#main .issue-row').count(), 0);

  await page.unroute(/\/data\/index\.[0-9a-f]{16}\.json$/);
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.locator('#main .issue-row').first().waitFor();
  assert.equal(await page.locator('#main .issue-row').count(), 5);
  assert.equal(await page.getByRole('alert').count(), 0);
  await page.close();
});

test('a missing manifest shows the server status and what to do', async () => {
  const page = await browser.newPage();
  await page.route(/\/data\/manifest\.json$/, (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto(server.url);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /404/);
  assert.match(await alert.innerText(), /try again/i);
  assert.equal(await page.getByRole('button', { name: 'Try again' }).count(), 1);
  await page.close();
});

test('a bundle of another schema version is refused with the reason', async () => {
  const page = await browser.newPage();
  await page.route(/\/data\/manifest\.json$/, (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: '{"schema":999,"files":{}}' }),
  );
  await page.goto(server.url);
  await page.getByRole('alert').waitFor();
  assert.match(await page.getByRole('alert').innerText(), /schema version 999/);
  await page.close();
});
