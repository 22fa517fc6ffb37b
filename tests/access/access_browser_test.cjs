// Browser test of the market-access report: runs `landbridge access ... --out DIR`, opens
// DIR/report.html from disk (file://, offline: every other request is refused) in headless Chromium
// and checks a map per site with a circle per market in the colour of its delivered cost, the market
// countries coloured, the ranking and the tables, and no console errors.
//   node access_browser_test.cjs --binary build/app/landbridge [--args "access ..."] [--screenshot out.png]
// Exit status: 0 passed, 1 failed (also when Chromium is missing: scripts/install-deps.sh installs it).
"use strict";
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { option, check, tempDir, openPage, run } = require("../support/browser.cjs");

const binary = option("--binary");
const screenshot = option("--screenshot", path.join(os.tmpdir(), "landbridge-access.png"));
const runArgs = option("--args", "access BYGST --compare PLLOD,HUBUD,CNKHG --commodity machinery").split(" ").filter((a) => a);

run(async () => {
  const out = tempDir("landbridge-access-");
  execFileSync(binary, [...runArgs, "--out", out], { stdio: ["ignore", "ignore", "inherit"] });
  const report = path.join(out, "report.html");
  check(fs.existsSync(report), "access wrote report.html");
  const result = JSON.parse(fs.readFileSync(path.join(out, "access.json"), "utf8"));
  const { page, errors, requests } = await openPage({ offline: true });
  await page.goto("file://" + report);
  await page.waitForSelector("body[data-rendered=true]");
  check((await page.locator("svg.access-map").count()) === result.sites.length, `a map per site (${result.sites.length})`);
  for (const site of result.sites) {
    const map = page.locator(`svg.access-map[data-site="${site.site}"]`);
    const fills = await map.locator("circle.market").evaluateAll((cs) => cs.map((c) => c.getAttribute("fill")));
    check(fills.length === result.markets.length, `${site.site}: a circle per market (${fills.length})`);
    check(JSON.stringify(fills) === JSON.stringify(site.markets.map((a) => a.fill)), `${site.site}: circles in the colours of the delivered cost`);
    check((await map.locator("path.market-country").count()) >= result.markets.length - 2, `${site.site}: market countries coloured`);
    check((await map.locator("circle.site").count()) === 1, `${site.site}: the site is marked`);
  }
  check((await page.locator("#maps path.country").count()) > 100 * result.sites.length, "country shapes on every map");
  check(new Set(result.sites.flatMap((s) => s.markets.map((a) => a.fill))).size >= 3, "several cost bands");
  check((await page.locator("#table-ranking tbody tr").count()) === result.sites.length, "a ranking row per site");
  const top = result.sites.find((s) => s.rank === 1);
  check((await page.locator("#table-ranking tbody tr").first().innerText()).includes(top.site), `the ranking starts with ${top.site}`);
  check((await page.locator("table.site-table").count()) === result.sites.length, "a market table per site");
  const blocked = result.sites.flatMap((s) => s.markets.filter((a) => a.blocked)).length;
  check((await page.locator("td.blocked").count()) === blocked, `blocked markets are marked (${blocked})`);
  const rules = await page.locator("#rules li").count();
  check(rules === Math.max(1, result.scenario_effects.length), `the scenario's rules are listed (${rules})`);
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(`screenshot: ${screenshot}`);
  check(errors.length === 0, `no console errors${errors.length ? ": " + errors.join(" | ") : ""}`);
  check(requests.length === 0, `no network requests${requests.length ? ": " + requests.join(" ") : ""}`);
});
