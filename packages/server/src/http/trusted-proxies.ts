import { isIP } from 'node:net';
import { StartupError } from '../startup-error.js';

// #13 item 12: behind a reverse proxy the client's address comes from X-Forwarded-For, but only
// the hops added by proxies we run may be believed. Fastify's `trustProxy` given a list of
// addresses/CIDRs (proxy-addr) walks the header from the right and stops at the first address
// that is not a trusted proxy: that right-most untrusted hop is `request.ip` (the sign-in rate
// limit's key and the audit log's IP). A forged header from an untrusted peer is ignored
// because the peer itself is the first untrusted hop.

/** proxy-addr's named ranges: 127.0.0.1/8 + ::1; 169.254/16 + fe80::/10; 10/8, 172.16/12, 192.168/16, fc00::/7. */
const NAMED_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

function validEntry(entry: string): boolean {
  if (NAMED_RANGES.includes(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * `GONGYI_TRUST_PROXY`: unset, empty, `0` or `false` trusts no proxy (request.ip is the peer);
 * `1` or `true` trusts only a proxy on this machine (loopback), the usual nginx in front; otherwise a
 * comma-separated list of proxy addresses or CIDRs (`127.0.0.1,10.0.0.0/8`). Anything else stops
 * the start with a message: trusting every hop would let any client choose its address.
 */
export function parseTrustProxy(value: string | undefined): string[] | false {
  const text = value?.trim() ?? '';
  if (text === '' || text === '0' || text.toLowerCase() === 'false') return false;
  if (text === '1' || text.toLowerCase() === 'true') return ['loopback'];
  const entries = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const bad = entries.filter((e) => !validEntry(e));
  if (bad.length > 0 || entries.length === 0) {
    throw new StartupError(
      `GONGYI_TRUST_PROXY=${text} 中的“${bad.join('、') || text}”不是有效的代理地址。请列出反向代理的 IP 地址或网段（逗号分隔），例如 GONGYI_TRUST_PROXY=127.0.0.1,10.0.0.0/8；设为 1 表示只信任本机代理。`,
    );
  }
  return entries;
}
