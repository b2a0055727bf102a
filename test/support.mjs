// Shared by the browser and backend tests and the benchmark: Debian's Chromium through
// playwright-core, the reference backend on a free port, and a static server for repo files.
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { join, normalize } from "node:path";
import { chromium } from "playwright-core";

export const root = new URL("../", import.meta.url).pathname;

/** Headless Chromium with the flags this machine needs (no sandbox as root, no network chatter). */
export function launchChromium() {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/**
 * Starts target/debug/credit-checkout-server (`profile: "release"`: the optimized build) on a
 * free port over `dataDir`, with the accounts' date fixed and `extraArgs` after; resolves to
 * `{ base, process }` once it prints its URL.
 */
export function startBackend(dataDir, today = "2026-07-03", extraArgs = [], { profile = "debug" } = {}) {
  const bin = join(root, `target/${profile}/credit-checkout-server`);
  const args = ["--port", "0", "--data-dir", dataDir, "--www", join(root, "www/dist"), "--today", today, ...extraArgs];
  const child = spawn(bin, args, { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
    child.stdout.on("data", (chunk) => {
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(String(chunk));
      if (m) resolve({ base: `http://127.0.0.1:${m[1]}`, process: child });
    });
  });
}

/** The demo users (README), one per demo account. */
export const DEMO_USERS = {
  "br-admin": { email: "ana@acme.example", password: "demo-ana" },
  "us-admin": { email: "bob@northwind.example", password: "demo-bob" },
  "us-member": { email: "carol@northwind.example", password: "demo-carol" },
  expired: { email: "dan@globex.example", password: "demo-dan" },
};

/**
 * Opens the page (`path`, "/" by default) and signs in through its form as the demo user of
 * `account`; resolves once the page shows that account (unless `waitForAccount` is false).
 */
export async function signIn(page, base, account, { path = "/", waitForAccount = true } = {}) {
  const { email, password } = DEMO_USERS[account];
  await page.goto(`${base}${path}`);
  await page.fill("#sign-in-email", email);
  await page.fill("#sign-in-password", password);
  await page.click("#sign-in-submit");
  if (waitForAccount) await page.waitForSelector(`body[data-account="${account}"]`);
  return page;
}

/**
 * The API as the demo user of `account`, for tests without a browser: `fetch(path, init)` sends
 * the session cookie and the page's Origin; `json(path)` reads an answer.
 */
export async function apiSession(base, account) {
  const { email, password } = DEMO_USERS[account];
  const response = await fetch(`${base}/api/session`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: base },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 201) throw new Error(`sign-in as ${email}: HTTP ${response.status}`);
  const cookie = response.headers.get("set-cookie").split(";")[0];
  const call = (path, init = {}) =>
    fetch(`${base}${path}`, { ...init, headers: { Origin: base, Cookie: cookie, ...init.headers } });
  return { cookie, fetch: call, json: async (path) => (await call(path)).json() };
}

const types = {
  ".js": "text/javascript", ".mjs": "text/javascript", ".html": "text/html",
  ".json": "application/json", ".wasm": "application/wasm",
};

/** Serves the repo files under `prefixes` on 127.0.0.1; resolves to `{ base, close }`. */
/**
 * Every file has an ETag (If-None-Match answers 304) and `cacheControl`: tests revalidate every
 * request (the default), the benchmark passes a max-age as a real site would.
 */
export async function serveFiles(prefixes, { cacheControl = "no-cache" } = {}) {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^\/+/, "");
    if (!prefixes.some((p) => path.startsWith(p))) return res.writeHead(404).end();
    try {
      const file = join(root, path);
      const { size, mtimeMs } = await stat(file);
      const headers = {
        "Content-Type": types[path.slice(path.lastIndexOf("."))] ?? "application/octet-stream",
        "Cache-Control": cacheControl,
        ETag: `"${size}-${Math.trunc(mtimeMs)}"`,
      };
      if (req.headers["if-none-match"] === headers.ETag) return res.writeHead(304, headers).end();
      res.writeHead(200, headers).end(await readFile(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { base: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

/** The simulated gateway's test cards (README). */
export const TEST_CARDS = {
  pays: "4242 4242 4242 4242",
  declines: "4000 0000 0000 0002",
  confirms: "4000 0027 6000 3184",
};

/** Fills the page's card step (a future expiry against the demo date, any CVC). */
export async function fillCard(page, number = TEST_CARDS.pays, expiry = "12/30", cvc = "123") {
  await page.fill("#card-number", number);
  await page.fill("#card-expiry", expiry);
  await page.fill("#card-cvc", cvc);
}

/** Fills the card step when the order shows one (a charge to the card on file shows none). */
export async function fillCardIfAsked(page) {
  if (await page.isVisible("#card-step")) await fillCard(page);
}
