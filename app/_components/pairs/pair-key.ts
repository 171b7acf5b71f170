/** The key a possible duplicate's row goes by: the two ids, in the order the pair lists them (server and browser alike). */
export const pairKey = (id: string, otherId: string) => `${id}:${otherId}`;
