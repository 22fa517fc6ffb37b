// Browser test of the web page: starts `landbridge serve` on a free loopback port, opens the page in
// headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core), picks two places with
// the search pickers, draws a route and checks the leg table against the API; compares a built-in
// scenario with the baseline and checks its tables against the API; then an unknown place.
// Saves a screenshot. Always stops Chromium and the server; gives up after a global timeout.
//   node browser_test.cjs --binary build/app/landbridge [--screenshot out.png]
// Exit status: 0 passed, 1 failed (also when Chromium is missing: scripts/install-deps.sh installs it).
"use strict";
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const binary = option("--binary");
const screenshot = option("--screenshot", path.join(os.tmpdir(), "landbridge-web-page.png"));
const chromiumPath = option("--chromium", "/usr/bin/chromium");
const timeoutMs = Number(option("--timeout-ms", "120000"));

let server = null, context = null, userDataDir = null, failures = 0, passes = 0;

function check(condition, what) {
  if (condition) { passes++; console.log(`ok   ${what}`); } else { failures++; console.log(`FAIL ${what}`); }
}

async function cleanup() {
  if (context) await Promise.race([context.close().catch(() => {}), new Promise((r) => setTimeout(r, 5000))]);
  context = null;
  if (server && server.exitCode === null) {
    server.kill("SIGTERM");
    await Promise.race([new Promise((r) => server.once("exit", r)), new Promise((r) => setTimeout(r, 3000))]);
    if (server.exitCode === null) server.kill("SIGKILL");
  }
  if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
}

// Starts the server on port 0 and reads the chosen port from its first line.
function startServer() {
  return new Promise((resolve, reject) => {
    server = spawn(binary, ["serve", "--port", "0", "--threads", "8"], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 20000);
    server.stdout.on("data", (chunk) => {
      out += chunk;
      const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    server.on("error", (e) => { clearTimeout(timer); reject(e); });
    server.on("exit", (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}: ${out}`)); });
  });
}

async function waitForHealth(base) {
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`${base}/health`);
      if (r.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("no answer from /health");
}

async function pick(page, field, text, id) {
  await page.fill(`#${field}`, "");
  await page.type(`#${field}`, text, { delay: 20 });
  const item = page.locator(`#${field}-suggestions li[data-id="${id}"]`);
  await item.waitFor({ timeout: 10000 });
  await item.dispatchEvent("mousedown");
  check((await page.inputValue(`#${field}`)).includes(`(${id})`), `${field} picker shows ${id} after typing "${text}"`);
}

async function main() {
  if (!fs.existsSync(chromiumPath)) { console.log(`FAIL: no ${chromiumPath} (Debian package chromium; scripts/install-deps.sh installs it)`); process.exit(1); }
  const { chromium } = require("playwright-core");
  const base = await startServer();
  await waitForHealth(base);
  userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "landbridge-chromium-"));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1280, height: 900 },
    timeout: 30000,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync"],
  });
  const page = context.pages()[0] || (await context.newPage());
  page.setDefaultTimeout(15000);
  const pageErrors = [];
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  await page.goto(`${base}/`);
  await page.waitForSelector("body[data-ready=true]");
  check((await page.locator("#map path.country").count()) > 50, "map draws the countries of Eurasia");
  check((await page.locator("#avoid-country input[value=BY]").count()) === 1, "avoid-country offers BY");

  await pick(page, "from", "Chongq", "CNCKG");
  await pick(page, "to", "Duisb", "DEDUI");
  await page.click("#go");
  await page.waitForSelector("#legs:not([hidden]) tbody tr");
  const api = await (await fetch(`${base}/v1/route?from=CNCKG&to=DEDUI&optimize=time&alternatives=3`)).json();
  const rows = await page.locator("#legs tbody tr").allInnerTexts();
  check(rows.length === api.legs.length, `leg table has one row per leg (${rows.length} = ${api.legs.length})`);
  check(rows[0].includes("CNCKG"), "first leg starts in Chongqing (CNCKG)");
  check(rows[rows.length - 1].includes("DEDUI"), "last leg ends in Duisburg (DEDUI)");
  check(rows.some((r) => r.includes("transfer/gauge")), "a gauge change is listed");
  const total = await page.locator("#legs tfoot").innerText();
  const km = Math.round(api.total.km).toLocaleString("en-US");
  check(total.includes(km) && total.includes("days"), `totals row shows ${km} km and days`);
  check((await page.locator("#summary").innerText()).includes("kg CO2"), "summary shows kg CO2");
  check((await page.locator("#map path.leg").count()) >= 3, "route legs are drawn on the map");
  check((await page.locator("#map path.mode-rail").count()) >= 1, "rail legs are drawn in the rail style");

  // Avoid Belarus: the route changes and no leg touches BY.
  await page.check("#avoid-country input[value=BY]");
  await page.click("#go");
  await page.waitForFunction(() => document.location.hash.includes("avoid_country=BY") &&
    !document.querySelector("#status").textContent.startsWith("Routing"));
  const avoided = await page.locator("#summary").innerText();
  check(/countries: [A-Z ]+/.test(avoided) && !/countries:[^·]*\bBY\b/.test(avoided), "with BY avoided the route's countries omit BY");

  // Scenario comparison: the built-ins are offered; comparing the Red Sea closure fills the tables
  // with the API's figures and marks the crossings on the map.
  const offered = await page.locator("#scenario option").evaluateAll((options) => options.map((o) => o.value));
  check(offered.includes("red-sea-closure") && offered.length >= 5, `scenario picker offers the built-ins (${offered.length})`);
  await page.selectOption("#scenario", "red-sea-closure");
  check((await page.innerText("#scenario-about")).includes("Bab-el-Mandeb"), "the scenario's description is shown");
  await page.click("#compare-go");
  await page.waitForSelector("#compare-result:not([hidden]) #compare-modes tbody tr", { timeout: 90000 });
  const compared = await (await fetch(`${base}/v1/compare`, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ scenarios: ["red-sea-closure"] }),
  })).json();
  const modeRows = await page.locator("#compare-modes tbody tr").allInnerTexts();
  const railRow = modeRows.find((r) => r.startsWith("rail")) || "";
  const teu = (v) => Math.round(v).toLocaleString("en-US");
  check(railRow.includes(teu(compared.baseline.teu_by_mode.rail)) && railRow.includes(teu(compared.scenario.teu_by_mode.rail)),
    `rail row shows ${teu(compared.baseline.teu_by_mode.rail)} -> ${teu(compared.scenario.teu_by_mode.rail)} TEU`);
  const railShare = `${(100 * compared.scenario.share_by_mode.rail).toFixed(2)} %`;
  check((await page.innerText("#compare-summary")).includes(`→ ${railShare}`), `summary shows the scenario's rail share ${railShare}`);
  const crossingRows = await page.locator("#compare-crossings tbody tr").count();
  check(crossingRows === compared.delta.crossings.length && crossingRows > 0, `crossings table has one row per crossing (${crossingRows})`);
  check((await page.locator("#compare-corridors tbody tr").allInnerTexts()).some((r) => r.startsWith("sea-cape")), "corridor table lists sea-cape");
  const marketRows = await page.locator("#compare-markets tbody tr").allInnerTexts();
  check(marketRows.length === Object.keys(compared.scenario.by_market).length && marketRows.some((r) => r.startsWith("CN-EU")),
    `market table has one row per market pair (${marketRows.length}), CN-EU among them`);
  check((await page.locator("#compare-rules li").count()) === compared.rules.length, "the rules applied are listed");
  check((await page.locator("#map circle.crossing").count()) > 0, "crossings are marked on the map");
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(`screenshot: ${screenshot}`);

  // An unknown place: the error and its suggestion are shown, not a crash.
  await page.fill("#to", "Duisbrg");
  await page.click("#go");
  await page.waitForSelector("#status.error");
  check((await page.innerText("#status")).includes("did you mean Duisburg"), "unknown place shows 'did you mean'");
  check(pageErrors.length === 0, `no JavaScript errors (${pageErrors.join("; ")})`);
}

const watchdog = setTimeout(async () => {
  console.log(`FAIL timed out after ${timeoutMs} ms`);
  await cleanup();
  process.exit(1);
}, timeoutMs);

main()
  .catch((e) => { failures++; console.log(`FAIL ${e.stack || e}`); })
  .finally(async () => {
    await cleanup();
    clearTimeout(watchdog);
    console.log(`${passes} passed, ${failures} failed`);
    process.exit(failures ? 1 : 0);
  });
