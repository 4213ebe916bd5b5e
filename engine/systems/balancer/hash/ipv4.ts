/**
 * The four octets of a dotted-quad IPv4 address, or `undefined` if `ip` is not one. Strict on
 * purpose: `010.1.1.1` and `1.2.3` are rejected rather than guessed at.
 */
export function ipv4Octets(ip: string | undefined): [number, number, number, number] | undefined {
  if (ip === undefined) return undefined;
  const parts = ip.split(".");
  if (parts.length !== 4) return undefined;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    out.push(n);
  }
  return [out[0], out[1], out[2], out[3]];
}

/** An IPv4 address as an unsigned 32-bit integer in network order (`ntohl(s_addr)`), or undefined. */
export function ipv4ToUint32(ip: string | undefined): number | undefined {
  const o = ipv4Octets(ip);
  if (o === undefined) return undefined;
  return ((o[0] << 24) | (o[1] << 16) | (o[2] << 8) | o[3]) >>> 0;
}
