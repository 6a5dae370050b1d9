// Where a webhook may point: a public HTTPS address. Checked when a hook is registered and
// again on every connection (the address each lookup returns, so a name that later resolves
// to a private address — DNS rebinding — is refused at connect time, not only at
// registration). MURMUR_WEBHOOK_ALLOW_PRIVATE=1 lifts it, for tests and local development.
import dns from "node:dns";
import net from "node:net";
import { DomainError } from "@/domain/errors";
import { WEBHOOKS } from "@/shared/limits";

const blocked = new net.BlockList();
for (const [address, prefix] of [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15], // benchmarking
  ["224.0.0.0", 3], // multicast and reserved, up to 255.255.255.255
] as const)
  blocked.addSubnet(address, prefix, "ipv4");
for (const [address, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["ff00::", 8], // multicast
  ["64:ff9b::", 96], // NAT64 of any IPv4
  ["2001:db8::", 32], // documentation
] as const)
  blocked.addSubnet(address, prefix, "ipv6");

export const privateTargetsAllowed = (): boolean => process.env.MURMUR_WEBHOOK_ALLOW_PRIVATE === "1";

/** Whether an IP address is one a webhook may reach (IPv4-mapped IPv6 counts as its IPv4). */
export function isPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return isPublicAddress(mapped);
  const family = net.isIP(address);
  if (!family) return false;
  return !blocked.check(address, family === 4 ? "ipv4" : "ipv6");
}

const refused = (reason: string) => new DomainError("VALIDATION_FAILED", `This webhook URL can't be used: ${reason}.`, { details: { field: "url", reason } });

/** The URL, parsed, if a hook may be registered with it; its host is resolved and every address checked. */
export async function checkTarget(raw: string): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refused("not_a_url");
  }
  if (raw.length > WEBHOOKS.urlMax) throw refused("too_long");
  const open = privateTargetsAllowed();
  if (url.protocol !== "https:" && !(open && url.protocol === "http:")) throw refused("https_only");
  if (url.username || url.password) throw refused("credentials_in_url");
  if (open) return url;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const addresses = net.isIP(host)
    ? [host]
    : await dns.promises.lookup(host, { all: true }).then(
        (r) => r.map((a) => a.address),
        () => [],
      );
  if (!addresses.length) throw refused("unresolvable");
  if (!addresses.every(isPublicAddress)) throw refused("private_address");
  return url;
}

/** A `lookup` for http(s).request that refuses private addresses at connect time. */
export const guardedLookup: net.LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, "", 4);
    const list = addresses as dns.LookupAddress[];
    const safe = privateTargetsAllowed() ? list : list.filter((a) => isPublicAddress(a.address));
    if (!safe.length) return callback(Object.assign(new Error("webhook target resolves to a private address"), { code: "EPRIVATE" }), "", 4);
    if ((options as dns.LookupOptions).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, safe);
    callback(null, safe[0].address, safe[0].family);
  });
};
