import { randomBytes } from "node:crypto";
import { expect, type Page } from "@playwright/test";
import { replaceEditorText, tenantUrl, waitForApp } from "./app";

export type OwnTenant = { projectId: string; userId: string; url: string };

/** A project and user no other test (or the demo data) uses; it exists once a memory is created in it. */
export function ownTenant(label: string): OwnTenant {
  const suffix = randomBytes(4).toString("hex");
  const tenant = { projectId: `e2e-${label}-${suffix}`, userId: `user-${suffix}` };
  return { ...tenant, url: tenantUrl(tenant.projectId, tenant.userId) };
}

/** Creates a memory through the New memory page (as the signed-in admin); returns its id. */
export async function createMemory(page: Page, tenant: OwnTenant, rawData: Record<string, unknown>): Promise<number> {
  await page.goto(`${tenant.url}/new`);
  await waitForApp(page);
  await replaceEditorText(page, "New memory raw_data JSON", JSON.stringify(rawData));
  await page.getByRole("button", { name: "Create memory" }).click();
  // Creating embeds the memory: on a busy machine that takes a while.
  await expect(page.getByRole("heading", { name: /^Memory \d+$/ })).toBeVisible({ timeout: 20_000 });
  return Number(new URL(page.url()).pathname.split("/").pop());
}
