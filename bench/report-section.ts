import fs from "node:fs";

/**
 * The browser timings (`npm run bench:ui`) and the data-layer report (`npm run bench`) share one
 * file but are written by different commands: each keeps the other's part.
 */
export const INTERACTIONS_HEADING = "## Interactions in the browser";

/** The interactions section of a report (from its heading to the next `## ` heading), or null. */
export function interactionsSection(report: string): string | null {
  const start = report.indexOf(`\n${INTERACTIONS_HEADING}\n`);
  if (start < 0) return null;
  const next = report.indexOf("\n## ", start + 1);
  return report.slice(start + 1, next < 0 ? undefined : next + 1).trimEnd();
}

/** `report` with its interactions section replaced by `section`, or `section` appended. */
export function withInteractionsSection(report: string, section: string): string {
  const old = interactionsSection(report);
  if (old === null) return `${report.trimEnd()}\n\n${section.trimEnd()}\n`;
  return report.replace(old, section.trimEnd());
}

export function writeSection(file: string, section: string): void {
  const report = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "# Benchmarks\n";
  fs.writeFileSync(file, withInteractionsSection(report, section));
}

/** Writes the data-layer report, keeping the interactions section the file already has. */
export function writeReportKeepingInteractions(file: string, report: string): void {
  const old = fs.existsSync(file) ? interactionsSection(fs.readFileSync(file, "utf8")) : null;
  fs.writeFileSync(file, old === null ? report : withInteractionsSection(report, old));
}
