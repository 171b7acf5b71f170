import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { PEER_ADDRESS_HEADER, PEER_ADDRESS_INSTALLED, trustedProxyHops } from './client-address';

/** Headers only a proxy of ours may set; without one they are the client's own words and are dropped. */
const FORWARDED = ['x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port', 'forwarded', 'x-real-ip'];

/**
 * Stamps every request this process's HTTP server receives with the TCP peer's address, before Next.js sees it.
 * Next.js gives route handlers, server actions and the proxy no way to reach the socket, and its own
 * X-Forwarded-For is only filled in when the client sent none. Node publishes each incoming request on the
 * `http.server.request.start` diagnostics channel just before the server's request handler runs; this
 * subscriber sets PEER_ADDRESS_HEADER (replacing any the client sent) and, when no proxy of ours is trusted
 * (TRUST_PROXY_HOPS unset), drops the forwarded headers the client wrote, so Next.js fills X-Forwarded-For, -Host
 * and -Proto from the connection itself and next-auth builds its URLs from them.
 */
export function installPeerAddress(): void {
  const g = globalThis as { [PEER_ADDRESS_INSTALLED]?: boolean };
  if (g[PEER_ADDRESS_INSTALLED]) return;
  subscribe('http.server.request.start', (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    request.headers[PEER_ADDRESS_HEADER] = socket?.remoteAddress ?? '';
    if (!trustedProxyHops()) for (const name of FORWARDED) delete request.headers[name];
  });
  g[PEER_ADDRESS_INSTALLED] = true;
}
