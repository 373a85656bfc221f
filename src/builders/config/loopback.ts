// Recognises loopback registry hosts and listen addresses: the production policy allows plain HTTP
// and debug listeners only where nothing outside the machine can reach them.

/** Splits `host:port`, `[v6]:port`, bare `host` or bare IPv6 into host and port. */
export function splitHostPort(address: string): { host: string; port: string | undefined } {
  const bracketed = /^\[([^\]]+)\](?::(\d*))?$/.exec(address);
  if (bracketed) return { host: bracketed[1] ?? '', port: bracketed[2] };
  const colons = address.split(':').length - 1;
  if (colons === 1) {
    const [host = '', port] = address.split(':');
    return { host, port };
  }
  return { host: address, port: undefined };
}

/** localhost, 127.0.0.0/8 and ::1 (with or without a port). */
export function isLoopbackHost(hostOrAddress: string): boolean {
  const { host } = splitHostPort(hostOrAddress.trim().toLowerCase());
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  return /^127(?:\.\d{1,3}){3}$/.test(host);
}

export const DEFAULT_DEBUG_PORT = '6060';

/**
 * A debug/metrics listener serves pprof and metrics without authentication. Under the production
 * policy a non-loopback address (`0.0.0.0:6060`, `:6060`) becomes `127.0.0.1:<same port>`.
 */
export function restrictDebugAddress(
  address: string,
  production: boolean,
): { address: string; rewritten: boolean } {
  if (!production || isLoopbackHost(address)) return { address, rewritten: false };
  return { address: `127.0.0.1:${splitHostPort(address).port || DEFAULT_DEBUG_PORT}`, rewritten: true };
}
