import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { runMigrations } from "@/db/migrate";
import { ROLES, type Role } from "@/db/schema";
import { withConnection } from "./with-connection";

// npm run user:add -- --email ada@example.com [--password …] [--name Ada] [--role admin] [--project acme … | --all] [--reset-password]
const { values } = parseArgs({
  options: {
    email: { type: "string" },
    password: { type: "string" },
    name: { type: "string" },
    role: { type: "string", default: "viewer" },
    project: { type: "string", multiple: true },
    all: { type: "boolean", default: false },
    "reset-password": { type: "boolean", default: false },
  },
});

const usage =
  "usage: npm run user:add -- --email <email> [--password <password>] [--name <name>] [--role viewer|editor|admin] [--project <id> … | --all] [--reset-password]";

if (!values.email) {
  console.error(usage);
  process.exit(2);
}
if (!(ROLES as readonly string[]).includes(values.role!)) {
  console.error(`error: --role must be one of ${ROLES.join(", ")}.`);
  process.exit(2);
}
if (values.all && values.project?.length) {
  console.error("error: give --project or --all, not both.");
  process.exit(2);
}

const role = values.role as Role;
const projects: (string | null)[] = values.all ? [null] : (values.project ?? []);
const generated = values.password ? null : randomBytes(12).toString("base64url");

await withConnection(async (conn, where) => {
  await runMigrations(conn);
  const { addUser } = await import("@/lib/auth/users");
  const { upsertGrant } = await import("@/db/queries/access");
  const { account, created } = await addUser(
    {
      email: values.email!,
      password: values.password ?? generated!,
      ...(values.name ? { name: values.name } : {}),
      resetPassword: values["reset-password"],
    },
    conn.db,
  );
  for (const projectId of projects) await upsertGrant(account.id, { projectId, role }, "command line", conn.db);
  console.log(`${created ? "Created" : "Found"} ${account.email} in the ${where}.`);
  if (generated && (created || values["reset-password"])) console.log(`Password (shown once): ${generated}`);
  if (!created && values["reset-password"]) console.log("Password changed.");
  for (const projectId of projects)
    console.log(`Granted ${role} on ${projectId === null ? "all projects" : `project ${projectId}`}.`);
  if (!projects.length) console.log("No role granted: add --project <id> or --all with --role to give access.");
});
