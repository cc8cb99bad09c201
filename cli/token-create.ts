import { parseArgs } from "node:util";
import { runMigrations } from "@/db/migrate";
import { withConnection } from "./with-connection";

// npm run token:create -- --email ada@example.com [--name "CI export"]
const { values } = parseArgs({
  options: { email: { type: "string" }, name: { type: "string", default: "command line" } },
});

if (!values.email) {
  console.error('usage: npm run token:create -- --email <email> [--name "what it is for"]');
  process.exit(2);
}

await withConnection(async (conn) => {
  await runMigrations(conn);
  const { findAccountByEmail } = await import("@/db/queries/accounts");
  const { insertApiToken } = await import("@/db/queries/api-tokens");
  const { newApiToken } = await import("@/lib/auth/api-token");
  const account = await findAccountByEmail(values.email!, conn.db);
  if (!account) throw new Error(`no account with the email ${values.email}: create it with npm run user:add first.`);
  const { token, hash, prefix } = newApiToken();
  await insertApiToken({ userId: account.id, name: values.name!.slice(0, 100), tokenHash: hash, prefix }, conn.db);
  console.log(`API token for ${account.email} (shown once; it has this user's roles):`);
  console.log(token);
});
