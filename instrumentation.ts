// Start-up work of the server process, before it answers any request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { guardHttpServers } = await import("./lib/http-guard");
  guardHttpServers();
}
