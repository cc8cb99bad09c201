import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";

// The app under test was built into E2E_DIST_DIR by the web server command; its browser chunks
// must not carry database drivers, server modules or secrets.
test("no database or server code reaches the browser bundle", () => {
  test.skip(Boolean(process.env.E2E_BASE_URL), "only the build made for these tests can be inspected");
  const dir = path.join(process.cwd(), process.env.E2E_DIST_DIR!, "static");
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else files.push(path.join(d, e.name));
    }
  };
  walk(dir);
  const scripts = files.filter((f) => f.endsWith(".js"));
  expect(scripts.length).toBeGreaterThan(0);
  for (const file of scripts) {
    const text = fs.readFileSync(file, "utf8");
    for (const marker of [
      "@electric-sql/pglite",
      "pg-pool",
      "drizzle-orm",
      "DATABASE_URL",
      "PGLITE_DIR",
      "server-only",
      "memory_logs",
    ]) {
      expect(text.includes(marker), `${marker} in ${path.relative(dir, file)}`).toBe(false);
    }
  }
});
