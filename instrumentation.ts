// Start-up work of the server process, before it answers any request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { guardHttpServers } = await import("./lib/http-guard");
  guardHttpServers();
  // Next.js awaits this before serving: the first request finds the database migrated and seeded.
  const { startServer } = await import("./lib/startup");
  await startServer();
}
