import { getMemory } from "@/db/queries/memories";
import { jsonRoute, tenantFromParams } from "@/lib/api/json-route";
import { invalid, notFound } from "@/lib/errors";
import { memoryIdSchema } from "@/lib/tenant-params";

export const GET = jsonRoute<{ projectId: string; userId: string; id: string }>(async (request, params) => {
  const tenant = tenantFromParams(params);
  const id = memoryIdSchema.safeParse(params.id);
  if (!id.success) throw invalid("id", id.error.issues[0]!.message);
  const include = new URL(request.url).searchParams.getAll("include");
  if (include.some((v) => v !== "embedding")) throw invalid("include", "include accepts only embedding.");

  const memory = await getMemory(tenant, id.data);
  if (!memory) throw notFound(`Memory ${id.data}`);
  const { embedding, ...rest } = memory;
  return {
    ...rest,
    embeddingDimensions: embedding?.length ?? null,
    ...(include.includes("embedding") ? { embedding } : {}),
  };
});
