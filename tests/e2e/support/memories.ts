import { expect, type Page } from "@playwright/test";
import type { Tenant } from "@/db/tenant";
import { newMemoryPath } from "@/lib/paths";
import { replaceEditorText, waitForApp } from "./app";

/** A user of its own for one test (it exists through its memories), so tests never share data. */
export const freshTenant = (projectId: string, name: string): Tenant => ({
  projectId,
  userId: `${name}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`,
});

/** Creates memories through the New memory page (each embedded on creation); their ids, in order. */
export async function createMemories(page: Page, tenant: Tenant, rows: readonly object[]): Promise<number[]> {
  const ids: number[] = [];
  for (const rawData of rows) {
    await page.goto(newMemoryPath(tenant));
    await waitForApp(page);
    await replaceEditorText(page, "New memory raw_data JSON", JSON.stringify(rawData));
    await page.getByRole("button", { name: "Create memory" }).click();
    await expect(page.getByRole("heading", { name: /^Memory \d+$/ })).toBeVisible();
    ids.push(Number(new URL(page.url()).pathname.split("/").pop()));
  }
  return ids;
}
