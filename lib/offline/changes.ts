/** A change to what waits on this device (events or ticks), told to this tab and to the others. */
const CHANGED = 'rapport-outbox-changed';

export function announce() {
  window.dispatchEvent(new Event(CHANGED));
  try {
    const channel = new BroadcastChannel(CHANGED);
    channel.postMessage('changed');
    channel.close();
  } catch {
    /* no BroadcastChannel: other tabs catch up when they next look */
  }
}

/** Calls `listener` whenever the outbox changes, in this tab or another. Returns the unsubscribe. */
export function onOutboxChange(listener: () => void): () => void {
  window.addEventListener(CHANGED, listener);
  let channel: BroadcastChannel | undefined;
  try {
    channel = new BroadcastChannel(CHANGED);
    channel.onmessage = listener;
  } catch {
    channel = undefined;
  }
  return () => {
    window.removeEventListener(CHANGED, listener);
    channel?.close();
  };
}

/** Where the browser has Background Sync, asks it to wake Rapport to send as soon as there is a connection. */
export async function wakeWhenOnline(): Promise<void> {
  try {
    const registration = await navigator.serviceWorker?.ready;
    await (registration as ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } })?.sync?.register('rapport-outbox');
  } catch {
    /* no Background Sync: the page sends on 'online' and when next opened */
  }
}
