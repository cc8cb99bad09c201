import { openPostgres } from "@/db/connect";
import { loadTestCredentials } from "@/lib/bench/credentials";
import { buildApp, freePort, hasBuild, startApp } from "@/lib/bench/app-server";
import { loadTest } from "@/lib/bench/load-test";

const url = process.env.DATABASE_URL!;
const conn = await openPostgres(url, { max: 2 });
const creds = await loadTestCredentials(conn.db, 50);
await conn.close();
const env = { ...process.env, DATABASE_URL: url, PGLITE_DIR: "" };
if (process.argv.includes("--build") || !hasBuild()) console.log("build ms", await buildApp(env, console.log));
const app = await startApp(env, { port: await freePort() });
try {
  const tenants = [["support-copilot", "user-00001"], ["hr-helpdesk", "user-00001"], ["travel-planner", "user-00002"]];
  const urls = tenants.flatMap(([p, u]) => {
    const base = `${app.baseUrl}/api/v1/projects/${p}/users/${u}/memories`;
    return [base, `${base}?page=2`, `${base}?tag=escalation`, `${base}?component=billing`];
  });
  const headers = (c: number) => ({ authorization: `Bearer ${creds.tokens[c % creds.tokens.length]}` });
  for (const u of urls) { const r = await fetch(u, { headers: headers(0) }); console.log(r.status, u.slice(-40)); await r.arrayBuffer(); }
  const r = await loadTest({ name: "api", urls, headers }, { clients: 50, durationMs: Number(process.env.LT_MS ?? 20000), maxRequests: 200000 });
  console.log(JSON.stringify(r, null, 1));
} finally {
  await app.stop();
}
