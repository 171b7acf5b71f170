/**
 * A global setup that several projects name (a driver's shared and isolated projects, vitest.config.mts) runs once
 * per Vitest run: the first project starts it, the others wait for the same result, and its teardown runs when the
 * last of them is torn down. Global setups run in Vitest's own process, so `globalThis` is shared between them.
 */
export async function oncePerRun<T>(
  key: string,
  setup: () => Promise<{ value: T; teardown: () => Promise<void> | void }>,
): Promise<{ value: T; teardown: () => Promise<void> }> {
  const shared = globalThis as { [k: symbol]: { started: ReturnType<typeof setup>; users: number } | undefined };
  const k = Symbol.for(`rapport.globalSetup.${key}`);
  // A setup that failed is not kept: the next run in this process (watch mode) tries again.
  const entry = (shared[k] ??= {
    started: setup().catch((err: unknown) => {
      shared[k] = undefined;
      throw err;
    }),
    users: 0,
  });
  entry.users++;
  const { value, teardown } = await entry.started;
  return {
    value,
    teardown: async () => {
      if (--entry.users > 0) return;
      shared[k] = undefined;
      await teardown();
    },
  };
}
