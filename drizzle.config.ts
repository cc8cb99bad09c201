import { defineConfig } from "drizzle-kit";

// drizzle-kit is used to generate migrations only; `npm run db:migrate` applies them
// with db/migrate.ts, which works on PGlite (vector extension) and PostgreSQL alike.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.ts",
  out: "./drizzle",
});
