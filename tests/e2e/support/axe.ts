import AxeBuilder from "@axe-core/playwright";
import { type BrowserContext, expect, type Page } from "@playwright/test";

export type Theme = "light" | "dark";

/** Pins next-themes' choice (its `theme` key in localStorage) before any page of the context loads. */
export async function useTheme(context: BrowserContext, theme: Theme) {
  await context.addInitScript((t) => localStorage.setItem("theme", t), theme);
}

/** The serious and critical axe violations on the page as it is now, one readable line per element. */
export async function seriousViolations(page: Page, screen: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) =>
      v.nodes.map(
        (n) =>
          `${screen}: [${v.impact}] ${v.id} (${v.help}) at ${n.target.join(" ")}\n    ${n.failureSummary?.replaceAll("\n", "\n    ")}`,
      ),
    );
}

/** Checks the page once it shows `ready`, collecting what axe finds into `found`. */
export async function audit(page: Page, screen: string, found: string[]) {
  // Wait for the theme class, so colours are those of the theme under test.
  await expect(page.locator("html")).toHaveClass(/\b(light|dark)\b/);
  const violations = await seriousViolations(page, screen);
  // Printed as found too, so a run cut short still shows what it met.
  if (violations.length) console.log(violations.join("\n"));
  found.push(...violations);
}
