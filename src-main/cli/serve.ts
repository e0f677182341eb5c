import { closeSync, openSync, readFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { appRoot } from '../app-root'
import { createDispatcher } from '../api/dispatcher'
import { openService } from '../api/open-service'
import { CATCH_UP_AFTER_MS } from '../api/keep-service'
import { localCaller } from '../shared/auth'
import { startHttp, type HttpTransport, type RequestEntry } from '../transport/http'
import { mediaDirOf } from '../images/store'
import { locateMedia } from '../images/serve'
import { untilInterrupted } from './command'
import { CliError } from './client'

export interface ServeOptions {
  db?: string | undefined
  port: number
  host: string
  allowImport: boolean
  allowPrivateHosts: boolean
  /** Folders to watch while serving (not remembered), even when the browser may not write. */
  watch?: string[]
  allowHosts?: string[]
  noAuth?: boolean
  tlsCert?: string | undefined
  tlsKey?: string | undefined
  accessLog?: string | undefined
  logQueries?: boolean
}

/** Runs until interrupted. Prints the URL on stdout so scripts and tests can find the port. */
export async function serve(opts: ServeOptions): Promise<number> {
  const tls = readTls(opts.tlsCert, opts.tlsKey)
  const log = opts.accessLog ? accessLog(opts.accessLog, opts.logQueries ?? false) : null
  let http: HttpTransport | null = null
  const service = await openService({
    db: opts.db,
    canImport: opts.allowImport,
    privateHosts: opts.allowPrivateHosts ? 'allowed' : 'refused',
    emit: (event, data) => {
      // what watching has to tell reaches the person at the terminal too (the server's one)
      if (event === 'watchNote')
        process.stderr.write(`lectern: ${(data as { message: string }).message}\n`)
      http?.broadcast(event, data)
    },
  })
  const allowHosts = opts.allowHosts ?? []
  // Secure by default: anyone but this machine's own users can reach a server on another
  // address or behind a named proxy, so it asks for accounts; and an archive that has accounts
  // asks for them on loopback too (a reverse proxy on this machine connects from loopback).
  const reachable = !isLoopback(opts.host) || allowHosts.length > 0
  const accountsOn = !opts.noAuth && (reachable || service.accounts.any())
  if (accountsOn && !service.accounts.any()) {
    service.close()
    throw new CliError(
      `Nobody could sign in: add an account first (lectern users add NAME --role admin${opts.db ? ` --db ${opts.db}` : ''}), or pass --no-auth to let in whoever reaches ${opts.host}.`,
    )
  }
  if (opts.noAuth && reachable) {
    process.stderr.write(
      `lectern: warning: --no-auth: anyone who can reach ${opts.host} may read this archive${opts.allowImport ? ', import into it and manage its accounts' : ''}, without signing in.\n`,
    )
  }
  try {
    http = await startHttp({
      dispatch: createDispatcher(service, {
        local: accountsOn ? null : localCaller(!opts.allowImport),
      }),
      staticDir: join(appRoot(), 'out', 'renderer'),
      host: opts.host,
      port: opts.port,
      media: (name) => locateMedia(mediaDirOf(service.db), name),
      allowHosts,
      ...(accountsOn ? { accounts: service.accounts } : {}),
      ...(tls ? { tls } : {}),
      ...(log ? { onRequest: log.write } : {}),
    })
  } catch (e) {
    service.close()
    log?.close()
    if (tls && e instanceof Error && /PEM|key|cert|asn1|routines/i.test(e.message)) {
      throw new CliError(
        `--tls-cert and --tls-key are not a PEM certificate and its key (${e.message}).`,
        2,
      )
    }
    throw e
  }
  service.warmUp()
  const watching = opts.watch?.length
    ? await service.watchFor(opts.watch, false, CATCH_UP_AFTER_MS)
    : null
  const info = service.info()
  process.stdout.write(
    `Lectern is serving ${info.sample ? 'the sample archive' : info.path} at ${http.url}\n` +
      `${accountsOn ? 'Sign-in required. ' : ''}` +
      `${opts.allowImport ? 'Import is allowed.' : 'Read-only (use --allow-import to import).'}` +
      `${opts.allowPrivateHosts ? ' Pictures may come from private addresses.' : ''}` +
      `${watching ? ` Watching ${watching.folders.join(', ')}${watching.polling ? ' (polling)' : ''}.` : ''}` +
      ' Press Ctrl+C to stop.\n',
  )
  await untilInterrupted()
  await service.stopWatching()
  await http.close()
  service.close()
  log?.close()
  return 0
}

function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase()
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h)
}

function readTls(cert: string | undefined, key: string | undefined) {
  if (!cert && !key) return null
  if (!cert || !key) throw new CliError('--tls-cert and --tls-key go together: give both.', 2)
  const read = (flag: string, file: string) => {
    try {
      return readFileSync(file)
    } catch (e) {
      throw new CliError(
        `${flag}: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? e}).`,
        2,
      )
    }
  }
  return { cert: read('--tls-cert', cert), key: read('--tls-key', key) }
}

/** One line per request: time, user, HTTP method, path, API method, status; the search typed
 * only with --log-queries (queries can reveal a reporter's sources). Written synchronously, so
 * the log is complete up to the moment the server stops. The file is readable by its owner only. */
function accessLog(file: string, withQueries: boolean) {
  let fd: number
  try {
    fd = openSync(file, 'a', 0o600)
  } catch (e) {
    throw new CliError(
      `--access-log: cannot write ${file} (${(e as NodeJS.ErrnoException).code ?? e}).`,
      2,
    )
  }
  return {
    write(e: RequestEntry) {
      const parts = [new Date().toISOString(), e.user ?? '-', e.method, e.path]
      if (e.call) parts.push(e.call)
      parts.push(String(e.status))
      if (withQueries && e.query !== undefined) parts.push(JSON.stringify(e.query))
      writeSync(fd, `${parts.join(' ')}\n`)
    },
    close: () => closeSync(fd),
  }
}
