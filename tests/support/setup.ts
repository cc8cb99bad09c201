import { vi } from "vitest";

// Server code reads the request through next/headers, which only exists inside Next.js.
vi.mock("next/headers", async () => (await import("./request-context")).nextHeadersMock);
