import { Download } from "lucide-react";
import { Menu } from "@/components/ui/menu";
import { filterParamsOf } from "@/db/filters";
import type { Tenant } from "@/db/tenant";
import { apiTenantPath, tenantPath } from "@/lib/paths";

/** Download the memories under the current filters; the download starts at once and streams. */
export function ExportMenu({
  tenant,
  params,
  filtered,
  canImport,
}: {
  tenant: Tenant;
  params: URLSearchParams;
  filtered: boolean;
  canImport: boolean;
}) {
  const filters = filterParamsOf(params);
  const base = `${apiTenantPath(tenant)}/export`;
  const link = (format: string, extra = "") => `${base}?format=${format}${extra}${filters.size ? `&${filters}` : ""}`;
  const what = filtered ? "the memories matching the filters" : "all memories";
  return (
    <Menu className="relative">
      <summary className="btn cursor-pointer list-none" aria-label="Export or import">
        <Download className="size-4" aria-hidden /> Export / import
      </summary>
      <div className="card absolute left-0 z-20 mt-1 w-64 max-w-[calc(100vw-2rem)] space-y-1 p-2 text-sm shadow-lg">
        <p className="px-2 text-xs muted">Download {what}:</p>
        <a className="block rounded px-2 py-1 hover:bg-zinc-100 dark:hover:bg-zinc-800" href={link("ndjson")} download>
          NDJSON (every column, with embeddings)
        </a>
        <a className="block rounded px-2 py-1 hover:bg-zinc-100 dark:hover:bg-zinc-800" href={link("csv")} download>
          CSV (without embeddings)
        </a>
        <a
          className="block rounded px-2 py-1 hover:bg-zinc-100 dark:hover:bg-zinc-800"
          href={link("csv", "&includeEmbedding=true")}
          download
        >
          CSV with embeddings
        </a>
        {canImport && (
          <>
            <hr className="my-1 border-zinc-200 dark:border-zinc-800" />
            <a
              className="block rounded px-2 py-1 hover:bg-zinc-100 dark:hover:bg-zinc-800"
              href={`${tenantPath(tenant)}/import`}
            >
              Import NDJSON…
            </a>
          </>
        )}
      </div>
    </Menu>
  );
}
