import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import { isIP, type LookupFunction } from 'node:net'
import ipaddr from 'ipaddr.js'
import type { FetchFn } from './download'

// No picture download may reach this computer or the user's network unless the user allowed it:
// an article can name any address, and a server can redirect anywhere. The check is made on the
// addresses a name resolves to, inside the connection's own `lookup`, so the socket connects to
// exactly the address that was checked (no second resolution for DNS rebinding to slip into).
// Every redirect is a new request through the same fetch, so each hop is checked again.
//
// Ranges come from ipaddr.js (maintained, used by Express's proxy-addr, names every special
// range of RFC 6890 for both families) rather than a hand-kept list or net.BlockList, which
// knows no ranges by itself and does not see IPv4 inside IPv6 forms such as NAT64.

/** Resolves a host name to every address it has (tests inject their own). */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>

export const systemResolver: Resolver = (hostname) =>
  new Promise((ok, fail) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (e, all) => (e ? fail(e) : ok(all))),
  )

export class PrivateAddressError extends Error {
  override name = 'PrivateAddressError'
  readonly code = 'LECTERN_PRIVATE_ADDRESS'
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(`${host} is a private address (${address})`)
  }
}

/**
 * True only for an address on the public internet. Loopback, private (RFC 1918, unique local),
 * link-local, multicast, unspecified, carrier-grade NAT, broadcast and reserved ranges are not;
 * IPv4 carried inside IPv6 (`::ffff:127.0.0.1`, NAT64 `64:ff9b::a.b.c.d`) is judged as IPv4;
 * other tunnelling forms (6to4, Teredo) and anything unparsable are refused.
 */
export function isPublicAddress(address: string): boolean {
  let ip: ipaddr.IPv4 | ipaddr.IPv6
  try {
    ip = ipaddr.parse(address.replace(/^\[|\]$/g, ''))
  } catch {
    return false
  }
  if (ip.kind() === 'ipv4') return ip.range() === 'unicast'
  const v6 = ip as ipaddr.IPv6
  const embedded = embeddedIPv4(v6)
  if (embedded) return embedded.range() === 'unicast'
  // ::/96 (IPv4-compatible, deprecated) is unclassified by ipaddr.js: never a public host.
  if (v6.parts.slice(0, 6).every((p) => p === 0)) return false
  return v6.range() === 'unicast'
}

function embeddedIPv4(v6: ipaddr.IPv6): ipaddr.IPv4 | null {
  const range = v6.range()
  const p = v6.parts
  const wellKnownNat64 = range === 'rfc6052' && p[0] === 0x64 && p[1] === 0xff9b && p[2] === 0
  if (range !== 'ipv4Mapped' && range !== 'rfc6145' && !wellKnownNat64) return null
  const [hi = 0, lo = 0] = [p[6], p[7]]
  return new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff])
}

/** A `lookup` for net/tls.connect that resolves with `resolve` and refuses private answers. */
export function guardedLookup(resolve: Resolver, allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (all) => {
        // A name that points inside at all is refused, even if it also points outside.
        const inside = allowPrivate ? undefined : all.find((a) => !isPublicAddress(a.address))
        if (inside) return callback(new PrivateAddressError(hostname, inside.address), '', 0)
        const usable = options.family ? all.filter((a) => a.family === options.family) : all
        const first = usable[0]
        if (!first) {
          const e: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`)
          e.code = 'ENOTFOUND'
          return callback(e, '', 0)
        }
        if (options.all) callback(null, usable)
        else callback(null, first.address, first.family)
      },
      (e: NodeJS.ErrnoException) => callback(e, '', 0),
    )
  }
}

export interface GuardOptions {
  /** Allow loopback, private and link-local addresses (intranet archives, tests). */
  allowPrivateHosts?: boolean | undefined
  resolve?: Resolver | undefined
}

/**
 * The downloader's fetch: undici's, over an agent whose connections resolve through the guard.
 * An address written in the URL is never looked up, so it is checked here first (the URL parser
 * has already turned `2130706433`, `0x7f.1` and `[::ffff:127.0.0.1]` into their plain forms).
 */
export async function guardedFetch(
  opts: GuardOptions = {},
): Promise<{ fetch: FetchFn; close: () => void }> {
  const allow = opts.allowPrivateHosts ?? false
  // undici is loaded when a download begins, not when the app starts (a sixth of the CLI's and
  // serve's start-up went to loading it); before any request, so no time limit counts it
  const undici = await import('undici')
  const agent = new undici.Agent({
    connect: { lookup: guardedLookup(opts.resolve ?? systemResolver, allow) },
  })
  const fetch: FetchFn = async (url, init) => {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '')
    if (!allow && isIP(host) && !isPublicAddress(host)) throw new PrivateAddressError(host, host)
    const res = await undici.fetch(url, { ...(init as object), dispatcher: agent })
    return res as unknown as Response
  }
  return { fetch, close: () => void agent.close().catch(() => {}) }
}

/** The refused address when a failed fetch was refused by the guard (thrown by it, or the
 * cause of undici's error); null for any other failure. */
export function privateAddressRefused(e: unknown): { address: string } | null {
  const cause = (e as { cause?: unknown })?.cause
  const refusal = e instanceof PrivateAddressError ? e : cause
  return refusal instanceof PrivateAddressError ? { address: refusal.address } : null
}
