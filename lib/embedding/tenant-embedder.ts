import "server-only";
import type { Database } from "@/db/client";
import { countByEmbedder, type TenantEmbedder, tenantEmbedders } from "@/db/queries/memory-embedders";
import { tenantCounts } from "@/db/queries/tenant-stats";
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
  let models = await tenantEmbedders(tenant, db);
  // The configured embedder is resolved only when needed: a bad EMBEDDER must not stop a user searched with another model.
  const configured = () => defaultEmbedder();
  const configuredName = (() => {
    try {
      return describeEmbedder(configured());
    } catch {
      return null;
    }
  })();
  if (models.length === 1 && configuredName !== null && models[0]!.embedder !== configuredName) {
    // Vectors no one named count as the configured embedder's: with some of them beside another model, the user mixes.
    const [counted, { embedded }] = await Promise.all([countByEmbedder(tenant, db), tenantCounts(tenant, db)]);
    const unrecorded = embedded - counted.reduce((sum, m) => sum + m.memories, 0);
    models = unrecorded > 0 ? [...counted, { embedder: UNRECORDED, memories: unrecorded }] : counted;
    models.sort((a, b) => b.memories - a.memories);
  }
  const primary = models[0]?.embedder;
  const searchWith = (primary && primary !== UNRECORDED && embedderNamed(primary)) || configured();
  const used = describeEmbedder(searchWith);
  let warning: string | null = null;
  if (models.length > 1) {
    const list = models.map((m) => `${m.embedder} (${m.memories.toLocaleString("en-US")})`).join(", ");
    warning =
      `The memories of ${tenant.userId} were embedded by ${models.length} models: ${list}. ` +
      `Distances between two models' vectors mean nothing: queries are embedded with ${used}, ` +
      `so memories of the other models rank at random. Migrate them to one model.`;
  } else if (primary && primary !== UNRECORDED && primary !== used) {
    warning =
      `The memories of ${tenant.userId} were embedded with ${primary}, which this server does not offer: ` +
      `queries are embedded with ${used}, so distances mean nothing. Configure ${primary} or migrate the memories.`;
  }
  return { models, searchWith, warning };
}

/** How vectors no one named are listed beside the models that wrote the others. */
export const UNRECORDED = "not recorded (taken as the configured embedder's)";
