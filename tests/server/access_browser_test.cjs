// Browser test of the web page's market-access view: starts `landbridge serve` on a free loopback
// port, opens the page in headless Chromium, picks Great Stone and machinery, and checks the map (a
// circle per market, the market countries coloured by delivered cost, as GET /v1/access gives them)
// and the table; then Łódź for electronics, where Russia and Belarus are blocked by sanctions.
// Saves a screenshot of the view.
//   node access_browser_test.cjs --binary build/app/landbridge [--screenshot out.png]
// Exit status: 0 passed, 1 failed (also when Chromium is missing: scripts/install-deps.sh installs it).
"use strict";
const os = require("node:os");
const path = require("node:path");
const { option, check, openPage, startServer, run } = require("../support/browser.cjs");

const binary = option("--binary");
const screenshot = option("--screenshot", path.join(os.tmpdir(), "landbridge-web-access.png"));

run(async () => {
  const base = await startServer(binary, ["--threads", "2"]);
  const { page, errors } = await openPage({ viewport: { width: 1280, height: 1800 }, consoleErrors: false });
  await page.goto(`${base}/`);
  await page.waitForSelector("body[data-ready=true]");

  await page.selectOption("#access-site", "BYGST");
  await page.selectOption("#access-commodity", "machinery");
  await page.click("#access-go");
  await page.waitForSelector("#access-result:not([hidden]) #access-table tbody tr");
  const api = await (await fetch(`${base}/v1/access?from=BYGST&commodity=machinery`)).json();
  const markets = api.markets.length;
  check((await page.locator("#access-map circle.access-market").count()) === markets, `a circle per market on the map (${markets})`);
  check((await page.locator("#access-map path.access-country").count()) >= markets - 2, "the market countries are coloured");
  const fills = await page.locator("#access-map circle.access-market").evaluateAll((cs) => cs.map((c) => c.getAttribute("fill")));
  check(JSON.stringify(fills) === JSON.stringify(api.sites[0].markets.map((a) => a.fill)), "each market's colour is its delivered-cost band from the API");
  check(new Set(fills).size >= 3, `several cost bands appear (${new Set(fills).size})`);
  check((await page.locator("#access-table tbody tr").count()) === markets, "a table row per market");
  const cheapest = [...api.sites[0].markets].filter((a) => !a.blocked).sort((a, b) => a.usd_per_teu - b.usd_per_teu)[0];
  check((await page.locator("#access-table tbody tr").first().innerText()).includes(`(${cheapest.market})`), `the cheapest market comes first (${cheapest.market})`);
  check((await page.innerText("#access-summary")).includes("Great Stone"), "the summary names the site");

  await page.selectOption("#access-site", "PLLOD");
  await page.selectOption("#access-commodity", "electronics");
  await page.click("#access-go");
  await page.waitForFunction(() => document.querySelector("#access-summary").textContent.includes("Łódź"));
  const blocked = await page.locator("#access-table tbody tr", { hasText: "blocked: sanctions" }).allInnerTexts();
  check(blocked.some((r) => r.includes("(RU)")) && blocked.some((r) => r.includes("(BY)")), "Russia and Belarus are blocked for EU electronics");
  await page.locator("#access").screenshot({ path: screenshot });
  console.log(`screenshot: ${screenshot}`);
  check(errors.length === 0, `no JavaScript errors (${errors.join("; ")})`);
});
