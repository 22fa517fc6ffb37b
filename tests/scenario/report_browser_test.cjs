// Browser test of the comparison report: runs `landbridge compare --scenario red-sea-closure --out DIR`,
// opens DIR/report.html from disk (file://, offline: every other request is refused) in headless
// Chromium (Debian's /usr/bin/chromium, driven by playwright-core), checks that both maps, the country
// shapes, the flows, the share charts and the tables rendered with no console errors, and saves a
// screenshot.   node report_browser_test.cjs --binary build/app/landbridge [--screenshot out.png]
// Exit status: 0 passed, 1 failed (also when Chromium is missing: scripts/install-deps.sh installs it).
"use strict";
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const binary = option("--binary");
const screenshot = option("--screenshot", path.join(os.tmpdir(), "landbridge-report.png"));
const chromiumPath = option("--chromium", "/usr/bin/chromium");
const scenario = option("--scenario", "red-sea-closure");
let context = null, failures = 0;
const temp = [];

function check(condition, what) {
  console.log(`${condition ? "ok  " : "FAIL"} ${what}`);
  if (!condition) failures++;
}

async function main() {
  if (!fs.existsSync(chromiumPath)) { console.log(`FAIL: no ${chromiumPath} (Debian package chromium; scripts/install-deps.sh installs it)`); process.exit(1); }
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "landbridge-report-"));
  temp.push(out);
  execFileSync(binary, ["compare", "--scenario", scenario, "--out", out], { stdio: ["ignore", "ignore", "inherit"] });
  const report = path.join(out, "report.html");
  check(fs.existsSync(report), "compare wrote report.html");
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
  for (const which of ["baseline", "scenario"]) {
    check((await page.locator(`#map-${which} svg path.country`).count()) > 50, `${which} map draws the country shapes`);
    check((await page.locator(`#map-${which} svg path.link`).count()) > 20, `${which} map draws the flows`);
  }
  check((await page.locator("#map-scenario svg path.closed").count()) >= 2, "scenario map marks the closed Bab-el-Mandeb links");
  check((await page.locator("#chart-modes svg rect").count()) >= 4, "mode share chart has baseline and scenario bars");
  check((await page.locator("#chart-corridors svg rect").count()) >= 10, "corridor share chart has bars");
  const modeRows = await page.locator("#table-modes tbody tr").count();
  check(modeRows >= 2, `mode table has a row per mode (${modeRows})`);
  const marketRows = await page.locator("#table-markets tbody tr").count();
  check(marketRows >= 1, `market table has a row per market pair (${marketRows})`);
  check((await page.locator("#table-markets").innerText()).includes("CN-EU"), "the market table names CN-EU");
  const modes = await page.locator("#table-modes").innerText();
  check(/\d{1,3}(,\d{3})+/.test(modes), "figures carry thousands separators");
  check((await page.locator("#rules li").count()) >= 2, "the scenario's rules are listed");
  check((await page.locator("#rules").innerText()).includes("SEA-BAB") || (await page.locator("#rules").innerText()).includes("S-BAB"),
        "the rules name the links they touched");
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
