// Shared by the browser tests (tests/access/access_browser_test.cjs, tests/server/access_browser_test.cjs):
// options, checks, headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core), a
// `landbridge serve` on a free loopback port, a global timeout, and cleanup of everything started.
// The older browser tests carry their own copies of this; new ones should use it.
"use strict";
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const state = { failures: 0, passes: 0, context: null, server: null, temp: [] };

function check(condition, what) {
  if (condition) state.passes++; else state.failures++;
  console.log(`${condition ? "ok  " : "FAIL"} ${what}`);
}

function tempDir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  state.temp.push(dir);
  return dir;
}

// A page in a fresh headless Chromium; page errors (and console errors, with consoleErrors) are
// collected in `errors`. offline: every request but file:// is refused and collected in `requests`.
// A served page logs a console error for its missing favicon, so the server tests leave them out.
async function openPage({ viewport = { width: 1400, height: 1000 }, offline = false, consoleErrors = true } = {}) {
  const chromiumPath = option("--chromium", "/usr/bin/chromium");
  if (!fs.existsSync(chromiumPath)) throw new Error(`no ${chromiumPath} (Debian package chromium; scripts/install-deps.sh installs it)`);
  const { chromium } = require("playwright-core");
  state.context = await chromium.launchPersistentContext(tempDir("landbridge-chromium-"), {
    executablePath: chromiumPath, headless: true, viewport, timeout: 30000,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync"],
  });
  const page = state.context.pages()[0] || (await state.context.newPage());
  page.setDefaultTimeout(15000);
  const errors = [], requests = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  if (consoleErrors) page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  if (offline) {
    await state.context.route("**/*", (route) => {
      if (route.request().url().startsWith("file://")) return route.continue();
      requests.push(route.request().url());
      return route.abort();
    });
  }
  return { page, errors, requests };
}

// Starts `binary serve` on port 0, reads the chosen port from its first line and waits for /health.
async function startServer(binary, extra = []) {
  const base = await new Promise((resolve, reject) => {
    state.server = spawn(binary, ["serve", "--port", "0", ...extra], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 20000);
    state.server.stdout.on("data", (chunk) => {
      out += chunk;
      const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    state.server.on("error", (e) => { clearTimeout(timer); reject(e); });
    state.server.on("exit", (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}: ${out}`)); });
  });
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(`${base}/health`)).ok) return base; } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("no answer from /health");
}

async function cleanup() {
  if (state.context) await Promise.race([state.context.close().catch(() => {}), new Promise((r) => setTimeout(r, 5000))]);
  state.context = null;
  const server = state.server;
  if (server && server.exitCode === null) {
    server.kill("SIGTERM");
    await Promise.race([new Promise((r) => server.once("exit", r)), new Promise((r) => setTimeout(r, 3000))]);
    if (server.exitCode === null) server.kill("SIGKILL");
  }
  for (const d of state.temp) fs.rmSync(d, { recursive: true, force: true });
}

// Runs `main` under a global timeout (--timeout-ms) and exits 0 when every check passed.
function run(main) {
  const timeoutMs = Number(option("--timeout-ms", "90000"));
  const watchdog = setTimeout(async () => { console.log(`FAIL timed out after ${timeoutMs} ms`); await cleanup(); process.exit(1); }, timeoutMs);
  main()
    .catch((e) => { state.failures++; console.log(`FAIL ${e.stack || e}`); })
    .finally(async () => {
      await cleanup();
      clearTimeout(watchdog);
      console.log(`${state.passes} passed, ${state.failures} failed`);
      process.exit(state.failures ? 1 : 0);
    });
}

module.exports = { option, check, tempDir, openPage, startServer, run };
