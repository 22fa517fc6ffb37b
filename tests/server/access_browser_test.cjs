// Browser test of the web page's market-access view: starts `landbridge serve` on a free loopback
// port, opens the page in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core),
// picks Great Stone and machinery, and checks the map (a circle per market, the market countries
// coloured by delivered cost, as GET /v1/access gives them) and the table; then Łódź for
// electronics, where Russia and Belarus are blocked by sanctions. Saves a screenshot.
//   node access_browser_test.cjs --binary build/app/landbridge [--screenshot out.png]
// Exit status: 0 passed, 1 failed (also when Chromium is missing: scripts/install-deps.sh installs it).
"use strict";
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const binary = option("--binary");
const screenshot = option("--screenshot", path.join(os.tmpdir(), "landbridge-web-access.png"));
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

async function main() {
  if (!fs.existsSync(chromiumPath)) { console.log(`FAIL: no ${chromiumPath} (Debian package chromium; scripts/install-deps.sh installs it)`); process.exit(1); }
  const { chromium } = require("playwright-core");
  const base = await startServer();
  await waitForHealth(base);
  userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "landbridge-chromium-"));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1280, height: 1800 },
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

  await page.selectOption("#access-site", "BYGST");
  await page.selectOption("#access-commodity", "machinery");
  await page.click("#access-go");
  await page.waitForSelector("#access-result:not([hidden]) #access-table tbody tr");
  const api = await (await fetch(`${base}/v1/access?from=BYGST&commodity=machinery`)).json();
  const markets = api.markets.length;
  check((await page.locator("#access-map circle.access-market").count()) === markets, `a circle per market on the map (${markets})`);
  check((await page.locator("#access-map path.access-country").count()) >= markets - 2, "the market countries are coloured");
  const fills = await page.locator("#access-map circle.access-market").evaluateAll((cs) => cs.map((c) => c.getAttribute("fill")));
  const expected = api.sites[0].markets.map((a) => a.fill);
  check(JSON.stringify(fills) === JSON.stringify(expected), "each market's colour is its delivered-cost band from the API");
  check(new Set(fills).size >= 3, `several cost bands appear (${new Set(fills).size})`);
  check((await page.locator("#access-table tbody tr").count()) === markets, "a table row per market");
  const cheapest = [...api.sites[0].markets].filter((a) => !a.blocked).sort((a, b) => a.usd_per_teu - b.usd_per_teu)[0];
  const firstRow = await page.locator("#access-table tbody tr").first().innerText();
  check(firstRow.includes(`(${cheapest.market})`), `the cheapest market comes first (${cheapest.market})`);
  check((await page.innerText("#access-summary")).includes("Great Stone"), "the summary names the site");

  await page.selectOption("#access-site", "PLLOD");
  await page.selectOption("#access-commodity", "electronics");
  await page.click("#access-go");
  await page.waitForFunction(() => document.querySelector("#access-summary").textContent.includes("Łódź"));
  const blocked = await page.locator("#access-table tbody tr", { hasText: "blocked: sanctions" }).allInnerTexts();
  check(blocked.some((r) => r.includes("(RU)")) && blocked.some((r) => r.includes("(BY)")), "Russia and Belarus are blocked for EU electronics");
  await page.locator("#access").screenshot({ path: screenshot });
  console.log(`screenshot: ${screenshot}`);
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
