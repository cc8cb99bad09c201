import type { NextConfig } from "next";

const dev = process.env.NODE_ENV !== "production";

// Next.js inlines its bootstrap scripts, so scripts need 'unsafe-inline' (a nonce would make every
// page dynamic); React's dev tools need eval in development only. Nothing loads from elsewhere.
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const securityHeaders = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

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
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
