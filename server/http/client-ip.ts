/**
 * The client's IP address for throttling (sign-in, the public form) and logs.
 *
 * Behind a reverse proxy every request comes from the proxy's address, so all users would
 * share one throttle. `TRUST_PROXY` lists the proxies (addresses, CIDRs, or proxy-addr's
 * names `loopback`, `linklocal`, `uniquelocal`) whose `X-Forwarded-For` is believed: the
 * client is the right-most address that is not a trusted proxy (proxy-addr, the algorithm
 * Express uses). From any other peer the header is ignored, so a client cannot pick its own
 * throttling key by sending one. Empty list: the socket address, always.
 */
import type { IncomingMessage } from 'node:http';
import proxyAddr from 'proxy-addr';

/** Maps a request to the address its throttles and logs use. */
export type ClientIpOf = (req: IncomingMessage) => string;

/** Parses a TRUST_PROXY value (comma list); throws a readable error for a bad entry. */
export function parseTrustProxy(value: string): string[] {
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  for (const entry of entries) {
    try {
      proxyAddr.compile(entry);
    } catch (error) {
      throw new Error(`TRUST_PROXY: "${entry}" is not an address, CIDR, loopback, linklocal or uniquelocal (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  return entries;
}

/** A resolver trusting exactly `trusted` (see the module comment); no entries = socket address. */
export function clientIpResolver(trusted: readonly string[]): ClientIpOf {
  if (trusted.length === 0) return (req) => req.socket.remoteAddress ?? 'unknown';
  const trust = proxyAddr.compile([...trusted]);
  return (req) => {
    if (!req.socket.remoteAddress) return 'unknown';
    return proxyAddr(req, trust);
  };
}
