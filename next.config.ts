import type { NextConfig } from "next";
import { SECURITY_HEADERS } from "./lib/security-headers";

const nextConfig: NextConfig = {
  // PGlite loads its WASM and extension bundles from its own package folder at run time,
  // and must never be bundled into (or opened by) build workers.
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-pgvector", "pg", "pgvector"],
  // Tests build into their own folder so a running `next dev` is never disturbed.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  experimental: {
    // NDJSON imports travel in a server action: up to 50 MB of file (lib/ndjson-import.ts), plus encoding.
    serverActions: { bodySizeLimit: "60mb" },
    // forbidden() answers 403 with app/forbidden.tsx when a signed-in user lacks the role.
    authInterrupts: true,
  },
  devIndicators: false,
  async headers() {
    return [{ source: "/:path*", headers: SECURITY_HEADERS }];
  },
};

export default nextConfig;
