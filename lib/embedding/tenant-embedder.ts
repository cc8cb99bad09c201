import "server-only";
import type { Database } from "@/db/client";
import { type TenantEmbedder, tenantEmbedders } from "@/db/queries/memory-embedders";
import type { Tenant } from "@/db/tenant";
import { embedderNamed } from "./available";
import { defaultEmbedder, describeEmbedder } from "./index";
import type { Embedder } from "./types";

export type TenantModels = {
  /** Embedders that wrote the tenant's vectors, most memories first (memories -1: the only one, not counted). */
  models: TenantEmbedder[];
  /** Who embeds a query of this tenant: the model most of its vectors come from, when configured. */
  searchWith: Embedder;
  /** Why distances may mean nothing here, for people; null when they can be trusted. */
  warning: string | null;
};

/**
 * The embedder to search a tenant with: the one that wrote its vectors, not just the configured
 * one, since distances between two models' vectors mean nothing. Vectors no one named (written
 * outside the app, imported) are assumed to be the configured embedder's.
 */
export async function tenantModels(tenant: Tenant, db?: Database): Promise<TenantModels> {
  const models = await tenantEmbedders(tenant, db);
  const primary = models[0]?.embedder;
  const configured = defaultEmbedder();
  const searchWith = (primary && embedderNamed(primary)) || configured;
  const used = describeEmbedder(searchWith);
  let warning: string | null = null;
  if (models.length > 1) {
    const list = models.map((m) => `${m.embedder} (${m.memories.toLocaleString("en-US")})`).join(", ");
    warning =
      `The memories of ${tenant.userId} were embedded by ${models.length} models: ${list}. ` +
      `Distances between two models' vectors mean nothing: queries are embedded with ${used}, ` +
      `so memories of the other models rank at random. Migrate them to one model.`;
  } else if (primary && primary !== used) {
    warning =
      `The memories of ${tenant.userId} were embedded with ${primary}, which this server does not offer: ` +
      `queries are embedded with ${used}, so distances mean nothing. Configure ${primary} or migrate the memories.`;
  }
  return { models, searchWith, warning };
}
