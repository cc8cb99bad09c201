import fs from "node:fs";

/** Playwright drives the system's Chromium (no browser download): CHROMIUM_PATH, else Debian's. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || "/usr/bin/chromium";
}

export function hasChromium(): boolean {
  return fs.existsSync(chromiumPath());
}

// Without the networking flags Chromium keeps trying to reach Google's services.
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
