import fs from "node:fs";

// Waits (up to 10 minutes) for the file the first e2e server writes once the build is done.
const file = process.argv[2]!;
const deadline = Date.now() + 600_000;
while (!fs.existsSync(file)) {
  if (Date.now() > deadline) {
    console.error(`[e2e] gave up waiting for ${file}`);
    process.exit(1);
  }
  await new Promise((r) => setTimeout(r, 500));
}
