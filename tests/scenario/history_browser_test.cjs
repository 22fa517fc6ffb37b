// Browser test of the history report: runs `landbridge history ... --out DIR`, opens DIR/history.html
// from disk (file://, offline: every other request is refused) in headless Chromium (Debian's
// /usr/bin/chromium, driven by playwright-core) and checks one chart per figure with one model point
// per year and one published point per published figure (history.json says which), no console errors.
//   node history_browser_test.cjs --binary build/app/landbridge [--args "history ..."] [--screenshot out.png]
// Exit status: 0 passed, 1 failed (also when Chromium is missing: scripts/install-deps.sh installs it).
"use strict";
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const binary = option("--binary");
const screenshot = option("--screenshot", path.join(os.tmpdir(), "landbridge-history.png"));
const chromiumPath = option("--chromium", "/usr/bin/chromium");
const historyArgs = option("--args", "history").split(" ").filter((a) => a);
let context = null, failures = 0;
const temp = [];

function check(condition, what) {
  console.log(`${condition ? "ok  " : "FAIL"} ${what}`);
  if (!condition) failures++;
}

async function main() {
  if (!fs.existsSync(chromiumPath)) { console.log(`FAIL: no ${chromiumPath} (Debian package chromium; scripts/install-deps.sh installs it)`); process.exit(1); }
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "landbridge-history-"));
  temp.push(out);
  execFileSync(binary, [...historyArgs, "--out", out], { stdio: ["ignore", "ignore", "inherit"] });
  const report = path.join(out, "history.html");
  check(fs.existsSync(report), "history wrote history.html");
  const history = JSON.parse(fs.readFileSync(path.join(out, "history.json"), "utf8"));
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
  const keys = Object.keys(history.years[0].model);
  check((await page.locator("div.chart svg").count()) === keys.length, `one chart per figure (${keys.length})`);
  for (const key of keys) {
    const model = await page.locator(`g.series[data-key="${key}"][data-series="model"] circle`).count();
    const published = await page.locator(`g.series[data-key="${key}"][data-series="published"] circle`).count();
    const expected = history.years.filter((y) => y.published[key] !== null).length;
    check(model === history.years.length, `${key}: a model point per year (${model} of ${history.years.length})`);
    check(published === expected, `${key}: a published point per published figure (${published} of ${expected})`);
    const box = await page.locator(`g.series[data-key="${key}"][data-series="model"] polyline`).boundingBox();
    check(box !== null && box.width > 0, `${key}: the model's line is drawn`);
  }
  check((await page.locator("table tr").count()) === keys.length + 1, "the fit table has a row per figure");
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
