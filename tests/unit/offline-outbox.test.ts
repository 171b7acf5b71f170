import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { emptyDraft } from '@/lib/events/draft';
import type { OutboxItem } from '@/lib/offline/outbox';

// IndexedDB (idb-keyval) as maps in memory, one per store, with values copied in and out as IndexedDB does.
const idb = vi.hoisted(() => {
  const stores: Map<string, unknown>[] = [];
  return {
    stores,
    createStore: () => {
      const store = new Map<string, unknown>();
      stores.push(store);
      return store;
    },
    get: async (key: string, store: Map<string, unknown>) => structuredClone(store.get(key)),
    set: async (key: string, value: unknown, store: Map<string, unknown>) => void store.set(key, structuredClone(value)),
    del: async (key: string, store: Map<string, unknown>) => void store.delete(key),
    entries: async (store: Map<string, unknown>) => [...store.entries()].map(([k, v]) => [k, structuredClone(v)]),
  };
});
vi.mock('idb-keyval', () => idb);
vi.mock('@/lib/offline/changes', () => ({ announce: () => {}, wakeWhenOnline: async () => {}, onOutboxChange: () => () => {} }));

const { holdForEditing, listOutbox, putOutboxItem, removeOutboxItem, sendOutbox } = await import('@/lib/offline/outbox');

const ME = 'user-1';
type Sent = { key: string; body: { title: string } };
let sent: Sent[];
/** What the server answers each POST; by default it creates the event. */
let answer: (req: Sent) => Promise<Response>;

function item(key: string, title: string, extra: Partial<OutboxItem> = {}): OutboxItem {
  const draft = { ...emptyDraft(), key, title };
  return { key, userId: ME, payload: { title }, draft, title, savedAt: Date.now(), ...extra };
}

beforeEach(() => {
  for (const store of idb.stores) store.clear();
  sent = [];
  answer = async () => new Response(JSON.stringify({ id: 'evt-id' }), { status: 201 });
  vi.stubGlobal('navigator', { onLine: true });
  vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
    const req = { key: (init.headers as Record<string, string>)['Idempotency-Key']!, body: JSON.parse(String(init.body)) as { title: string } };
    sent.push(req);
    return answer(req);
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('an event waiting in the outbox, opened in the form to edit', () => {
  it('stays listed while held, is not sent, and the edited version saved over it goes once under the same key', async () => {
    await putOutboxItem(item('evt-a', 'Cyber breakfast'));
    await putOutboxItem(item('evt-b', 'Data leaders dinner'));
    expect(await holdForEditing(ME, 'evt-a')).toBe(true);

    // The connection comes back mid-edit: the other one goes, the one being edited waits, still listed.
    expect(await sendOutbox(ME)).toBe(1);
    expect(sent.map((s) => s.key)).toEqual(['evt-b']);
    const left = await listOutbox(ME);
    expect(left.map((i) => [i.key, Boolean(i.editing)])).toEqual([['evt-a', true]]);

    // Sending again changes nothing while it is held.
    expect(await sendOutbox(ME)).toBe(0);
    expect(sent).toHaveLength(1);

    // Saved in the form with no signal: the edited version replaces it under the same key, no longer held.
    await putOutboxItem(item('evt-a', 'Cyber breakfast, edited'));
    expect(await sendOutbox(ME)).toBe(1);
    expect(sent.map((s) => [s.key, s.body.title])).toEqual([
      ['evt-b', 'Data leaders dinner'],
      ['evt-a', 'Cyber breakfast, edited'],
    ]);
    expect(await listOutbox(ME)).toEqual([]);
  });

  it('holding twice keeps when it was first opened; letting it go sends it as it was', async () => {
    await putOutboxItem(item('evt-a', 'Cyber breakfast'));
    await holdForEditing(ME, 'evt-a');
    const first = (await listOutbox(ME))[0]!.editing;
    await new Promise((r) => setTimeout(r, 2));
    await holdForEditing(ME, 'evt-a');
    expect((await listOutbox(ME))[0]!.editing).toBe(first);

    expect(await holdForEditing(ME, 'evt-a', false)).toBe(true);
    await vi.waitFor(() => expect(sent.map((s) => s.body.title)).toEqual(['Cyber breakfast']));
    await vi.waitFor(async () => expect(await listOutbox(ME)).toEqual([]));
  });

  it('letting it go with no signal leaves it waiting, to go when the connection returns', async () => {
    await putOutboxItem(item('evt-a', 'Cyber breakfast'));
    await holdForEditing(ME, 'evt-a');
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await holdForEditing(ME, 'evt-a', false);
    await new Promise((r) => setTimeout(r, 10));
    const [waiting] = await listOutbox(ME);
    expect(waiting?.editing).toBeFalsy();
    expect(waiting?.refused).toBeFalsy();
  });

  it('is nothing to hold when it is not there, or not this user’s', async () => {
    expect(await holdForEditing(ME, 'evt-missing')).toBe(false);
    await putOutboxItem({ ...item('evt-theirs', 'Theirs'), userId: 'user-2' });
    expect(await holdForEditing(ME, 'evt-theirs')).toBe(false);
    expect((await listOutbox('user-2'))[0]!.editing).toBeUndefined();
    // Nor can it be removed by someone else.
    await removeOutboxItem(ME, 'evt-theirs');
    expect(await listOutbox('user-2')).toHaveLength(1);
  });

  it('opened while a send is under way, it is not sent with the rest', async () => {
    await putOutboxItem(item('evt-a', 'First'));
    await putOutboxItem({ ...item('evt-b', 'Second'), savedAt: Date.now() + 1 });
    // The list is read, the first goes; meanwhile the user opens the second (in this tab or another).
    answer = async (req) => {
      if (req.key === 'evt-a') await holdForEditing(ME, 'evt-b');
      return new Response(JSON.stringify({ id: 'x' }), { status: 201 });
    };
    expect(await sendOutbox(ME)).toBe(1);
    expect(sent.map((s) => s.key)).toEqual(['evt-a']);
    expect((await listOutbox(ME)).map((i) => [i.key, Boolean(i.editing)])).toEqual([['evt-b', true]]);
  });

  it('refused while it was opened on the way, it stays held, with the reason beside it', async () => {
    await putOutboxItem(item('evt-a', 'First'));
    answer = async () => {
      await holdForEditing(ME, 'evt-a');
      return new Response(JSON.stringify({ errors: [{ path: 'title', message: 'Too long' }] }), { status: 422 });
    };
    await sendOutbox(ME);
    const [kept] = await listOutbox(ME);
    expect(kept).toMatchObject({ key: 'evt-a', refused: true, fieldErrors: { title: ['Too long'] } });
    expect(kept!.editing).toEqual(expect.any(Number));
  });

  it('discarded while a refused send was on its way, it stays gone', async () => {
    await putOutboxItem(item('evt-a', 'First'));
    answer = async () => {
      await removeOutboxItem(ME, 'evt-a');
      return new Response(JSON.stringify({ detail: 'No' }), { status: 400 });
    };
    await sendOutbox(ME);
    expect(await listOutbox(ME)).toEqual([]);
  });
});
