// Browser test of the disruption report: runs `landbridge disrupt ... --out DIR`, opens DIR/report.html
// from disk (file://, offline: every other request is refused) in headless Chromium (Debian's
// /usr/bin/chromium, driven by playwright-core) and checks the four time-series charts with a line
// per series and a point per day, the map with a circle per link that queued, the tables, and no
// console errors.
//   node disrupt_browser_test.cjs --binary build/app/landbridge [--args "disrupt ..."] [--screenshot out.png]
// Exit status: 0 passed, 1 failed (also when Chromium is missing: scripts/install-deps.sh installs it).
"use strict";
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const binary = option("--binary");
const screenshot = option("--screenshot", path.join(os.tmpdir(), "landbridge-disrupt.png"));
const chromiumPath = option("--chromium", "/usr/bin/chromium");
const runArgs = option("--args", "disrupt --scenario eu-belarus-border-closure --start 0 --days 13 --horizon 40").split(" ").filter((a) => a);
let context = null, failures = 0;
const temp = [];

function check(condition, what) {
  console.log(`${condition ? "ok  " : "FAIL"} ${what}`);
  if (!condition) failures++;
}

async function main() {
  if (!fs.existsSync(chromiumPath)) { console.log(`FAIL: no ${chromiumPath} (Debian package chromium; scripts/install-deps.sh installs it)`); process.exit(1); }
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "landbridge-disrupt-"));
  temp.push(out);
  execFileSync(binary, [...runArgs, "--out", out], { stdio: ["ignore", "ignore", "inherit"] });
  const report = path.join(out, "report.html");
  check(fs.existsSync(report), "disrupt wrote report.html");
  const run = JSON.parse(fs.readFileSync(path.join(out, "disruption.json"), "utf8"));
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
  check((await page.locator("svg.chart").count()) === 4, "four time-series charts");
  const queueLines = await page.locator("#chart-queues polyline.series").count();
  check(queueLines === Math.min(4, run.stations.length) && queueLines > 0, `a queue line per busiest link (${queueLines})`);
  const points = await page.locator("#chart-stranded polyline.series").first().getAttribute("points");
  check(points !== null && points.trim().split(" ").length === run.days.length, `a point per day (${run.days.length})`);
  const box = await page.locator("#chart-stranded polyline.series").first().boundingBox();
  check(box !== null && box.width > 100 && box.height > 10, "the stranded line is drawn and rises");
  check((await page.locator("#map circle.queue").count()) === run.stations.length, `a circle per link that queued (${run.stations.length})`);
  check((await page.locator("#map path.country").count()) > 100, "country shapes on the map");
  const biggest = await page.locator("#map circle.queue").evaluateAll((cs) => Math.max(...cs.map((c) => Number(c.getAttribute("r")))));
  check(biggest > 10, `the longest queue has the largest circle (r ${biggest})`);
  check((await page.locator("#table-stations tbody tr").count()) === run.stations.length, "a table row per link that queued");
  const totals = await page.locator("#table-totals").innerText();
  check(totals.includes(`day ${run.clear_day}`), `the totals give the clearing day (${run.clear_day})`);
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
