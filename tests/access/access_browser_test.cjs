// Browser test of the market-access report: runs `landbridge access ... --out DIR`, opens
// DIR/report.html from disk (file://, offline: every other request is refused) in headless Chromium
// (Debian's /usr/bin/chromium, driven by playwright-core) and checks a map per site with a circle
// per market in the colour of its delivered cost, the market countries coloured, the ranking and
// the tables, and no console errors.
//   node access_browser_test.cjs --binary build/app/landbridge [--args "access ..."] [--screenshot out.png]
// Exit status: 0 passed, 1 failed (also when Chromium is missing: scripts/install-deps.sh installs it).
"use strict";
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const binary = option("--binary");
const screenshot = option("--screenshot", path.join(os.tmpdir(), "landbridge-access.png"));
const chromiumPath = option("--chromium", "/usr/bin/chromium");
const runArgs = option("--args", "access BYGST --compare PLLOD,HUBUD,CNKHG --commodity machinery").split(" ").filter((a) => a);
let context = null, failures = 0;
const temp = [];

function check(condition, what) {
  console.log(`${condition ? "ok  " : "FAIL"} ${what}`);
  if (!condition) failures++;
}

async function main() {
  if (!fs.existsSync(chromiumPath)) { console.log(`FAIL: no ${chromiumPath} (Debian package chromium; scripts/install-deps.sh installs it)`); process.exit(1); }
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "landbridge-access-"));
  temp.push(out);
  execFileSync(binary, [...runArgs, "--out", out], { stdio: ["ignore", "ignore", "inherit"] });
  const report = path.join(out, "report.html");
  check(fs.existsSync(report), "access wrote report.html");
  const run = JSON.parse(fs.readFileSync(path.join(out, "access.json"), "utf8"));
  const { chromium } = require("playwright-core");
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "landbridge-chromium-"));
  temp.push(userDataDir);
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath, headless: true, viewport: { width: 1400, height: 1000 }, timeout: 30000,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync"],
  });
  const page = context.pages()[0] || (await context.newPage());
  page.setDefaultTimeout(15000);
  const errors = [], requests = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  await context.route("**/*", (route) => {
    if (route.request().url().startsWith("file://")) return route.continue();
    requests.push(route.request().url());
    return route.abort();
  });
  await page.goto("file://" + report);
  await page.waitForSelector("body[data-rendered=true]");
  check((await page.locator("svg.access-map").count()) === run.sites.length, `a map per site (${run.sites.length})`);
  for (const site of run.sites) {
    const map = page.locator(`svg.access-map[data-site="${site.site}"]`);
    const fills = await map.locator("circle.market").evaluateAll((cs) => cs.map((c) => c.getAttribute("fill")));
    check(fills.length === run.markets.length, `${site.site}: a circle per market (${fills.length})`);
    check(JSON.stringify(fills) === JSON.stringify(site.markets.map((a) => a.fill)), `${site.site}: circles in the colours of the delivered cost`);
    check((await map.locator("path.market-country").count()) >= run.markets.length - 2, `${site.site}: market countries coloured`);
    check((await map.locator("circle.site").count()) === 1, `${site.site}: the site is marked`);
  }
  check((await page.locator("#maps path.country").count()) > 100 * run.sites.length, "country shapes on every map");
  check(new Set(run.sites.flatMap((s) => s.markets.map((a) => a.fill))).size >= 3, "several cost bands");
  check((await page.locator("#table-ranking tbody tr").count()) === run.sites.length, "a ranking row per site");
  const first = await page.locator("#table-ranking tbody tr").first().innerText();
  const top = run.sites.find((s) => s.rank === 1);
  check(first.includes(top.site), `the ranking starts with ${top.site}`);
  check((await page.locator("table.site-table").count()) === run.sites.length, "a market table per site");
  check((await page.locator("td.blocked").count()) > 0, "blocked markets are marked");
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(`screenshot: ${screenshot}`);
  check(errors.length === 0, `no console errors${errors.length ? ": " + errors.join(" | ") : ""}`);
  check(requests.length === 0, `no network requests${requests.length ? ": " + requests.join(" ") : ""}`);
}

const timer = setTimeout(() => { console.log("FAIL global timeout"); process.exit(1); }, Number(option("--timeout-ms", "90000")));
main()
  .catch((e) => { console.log(`FAIL ${e.stack || e}`); failures++; })
  .finally(async () => {
    if (context) await Promise.race([context.close().catch(() => {}), new Promise((r) => setTimeout(r, 5000))]);
    for (const d of temp) fs.rmSync(d, { recursive: true, force: true });
    clearTimeout(timer);
    process.exit(failures ? 1 : 0);
  });
