import { invalid, notFound } from "@/db/app-error";
import { getMemory } from "@/db/queries/memory-read";
import { apiRoute, tenantFromParams } from "@/lib/api/json-route";
import { jsonWithRawMember } from "@/lib/api/raw-json";
import { memoryIdSchema } from "@/lib/tenant-params";

export const GET = apiRoute<{ projectId: string; userId: string; id: string }>(async (request, params) => {
  const tenant = tenantFromParams(params);
  const id = memoryIdSchema.safeParse(params.id);
  if (!id.success) throw invalid("id", id.error.issues[0]!.message);
  const include = new URL(request.url).searchParams.getAll("include");
  if (include.some((v) => v !== "embedding")) throw invalid("include", "include accepts only embedding.");

  const memory = await getMemory(tenant, id.data);
  if (!memory) throw notFound(`Memory ${id.data}`);
  const { embedding, rawData, ...rest } = memory;
  const body = {
    ...rest,
    embeddingDimensions: embedding?.length ?? null,
    ...(include.includes("embedding") ? { embedding } : {}),
  };
  // raw_data as stored: every digit and key, which JSON.parse and Response.json would not keep.
  return new Response(jsonWithRawMember(body, "rawData", rawData), {
    headers: { "content-type": "application/json", "cache-control": "no-store" },
  });
});
