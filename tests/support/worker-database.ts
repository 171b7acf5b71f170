/** The database of one test worker: the test database's name with `_w<pool id>`, on the same server. */
export function workerDatabaseUrl(url: string, poolId: string | number): string {
  const u = new URL(url);
  u.pathname = `${u.pathname}_w${poolId}`;
  return u.toString();
}
