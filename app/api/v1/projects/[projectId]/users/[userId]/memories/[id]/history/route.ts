import { invalid, notFound } from "@/db/app-error";
import { apiRoute, tenantFromParams } from "@/lib/api/json-route";
import { jsonWithRawMember } from "@/lib/api/raw-json";
import { memoryTimeline } from "@/lib/memory-timeline";
import { memoryIdSchema } from "@/lib/tenant-params";

/** A memory's versions, newest first; the memory may be in the trash. Another tenant's id is 404. */
export const GET = apiRoute<{ projectId: string; userId: string; id: string }>(async (_request, params) => {
  const tenant = tenantFromParams(params);
  const id = memoryIdSchema.safeParse(params.id);
  if (!id.success) throw invalid("id", id.error.issues[0]!.message);

  const entries = await memoryTimeline(tenant, id.data);
  if (entries.length === 0) throw notFound(`Memory ${id.data}`);
  // raw_data of every version as stored, byte for byte.
  const items = entries.map(({ rawData, ...rest }) => jsonWithRawMember(rest, "rawData", rawData));
  return new Response(`{"items":[${items.join(",")}]}`, {
    headers: { "content-type": "application/json", "cache-control": "no-store" },
  });
});
