import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite loads its WASM and extension bundles from its own package folder at run time,
  // and must never be bundled into (or opened by) build workers.
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-pgvector", "pg", "pgvector"],
  // Tests build into their own folder so a running `next dev` is never disturbed.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // NDJSON imports travel in a server action: up to 50 MB of file (lib/ndjson-import.ts), plus encoding.
  experimental: { serverActions: { bodySizeLimit: "60mb" } },
  devIndicators: false,
};

export default nextConfig;
