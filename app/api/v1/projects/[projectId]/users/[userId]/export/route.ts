import { invalid, notFound } from "@/db/app-error";
import { exportBatches } from "@/db/queries/export";
import { tenantExists } from "@/db/queries/tenants";
import { apiRoute, tenantFromParams } from "@/lib/api/json-route";
import { csvHeader, csvLine, type ExportFormat, ndjsonLine } from "@/lib/export-format";
import { parseMemoryFilters } from "@/lib/memory-query/params";

/**
 * The tenant's memories under the list filters as NDJSON or CSV, streamed: keyset batches, the
 * next one read while the client takes this one, so memory stays flat for any size.
 */
export const GET = apiRoute<{ projectId: string; userId: string }>(async (request, params) => {
  const tenant = tenantFromParams(params);
  const search = new URL(request.url).searchParams;
  const format = (search.get("format") ?? "ndjson") as ExportFormat;
  if (format !== "ndjson" && format !== "csv") throw invalid("format", "format must be ndjson or csv.");
  const includeEmbedding = search.get("includeEmbedding");
  if (includeEmbedding !== null && includeEmbedding !== "true" && includeEmbedding !== "false") {
    throw invalid("includeEmbedding", "includeEmbedding must be true or false.");
  }
  const withEmbedding = format === "ndjson" || includeEmbedding === "true";
  const filterParams = new URLSearchParams(search);
  filterParams.delete("format");
  filterParams.delete("includeEmbedding");
  const filters = parseMemoryFilters(filterParams);
  if (!(await tenantExists(tenant))) throw notFound(`User ${tenant.userId} of project ${tenant.projectId}`);

  const encoder = new TextEncoder();
  const batches = exportBatches(tenant, filters);
  let started = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        let chunk = "";
        if (!started && format === "csv") chunk += csvHeader(withEmbedding);
        started = true;
        const batch = await batches.next();
        for (const row of batch.value ?? [])
          chunk += format === "ndjson" ? ndjsonLine(row) : csvLine(row, withEmbedding);
        if (chunk) controller.enqueue(encoder.encode(chunk));
        if (batch.done) controller.close();
      } catch (error) {
        console.error("[export] failed:", error);
        controller.error(error);
      }
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
  const name = `memories-${tenant.projectId}-${tenant.userId}`.replace(/[^A-Za-z0-9._-]+/g, "_");
  return new Response(stream, {
    headers: {
      "content-type": format === "ndjson" ? "application/x-ndjson; charset=utf-8" : "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${name}.${format}"`,
      "cache-control": "no-store",
    },
  });
});
