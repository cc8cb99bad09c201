import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { chromiumPath, hasChromium } from "./browser";

// Installs Debian's Chromium for the browser tests when it is missing and we may (root with apt).
if (!hasChromium()) {
  const canInstall = process.getuid?.() === 0 && fs.existsSync("/usr/bin/apt-get") && !process.env.CHROMIUM_PATH;
  if (!canInstall) {
    console.error(
      `No Chromium at ${chromiumPath()}. Install it (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary.`,
    );
    process.exit(1);
  }
  console.log("Installing Debian's chromium package for the browser tests…");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit", env });
}
