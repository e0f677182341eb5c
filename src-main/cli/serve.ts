import { join } from 'node:path'
import { appRoot } from '../app-root'
import { createDispatcher } from '../api/dispatcher'
import { openService } from '../api/open-service'
import { startHttp, type HttpTransport } from '../transport/http'
import { mediaDirOf } from '../images/store'
import { locateMedia } from '../images/serve'

export interface ServeOptions {
  db?: string | undefined
  port: number
  host: string
  allowImport: boolean
  allowPrivateHosts: boolean
}

/** Runs until interrupted. Prints the URL on stdout so scripts and tests can find the port. */
export async function serve(opts: ServeOptions): Promise<number> {
  let http: HttpTransport | null = null
  const service = await openService({
    db: opts.db,
    canImport: opts.allowImport,
    privateHosts: opts.allowPrivateHosts ? 'allowed' : 'refused',
    emit: (event, data) => http?.broadcast(event, data),
  })
  http = await startHttp({
    dispatch: createDispatcher(service),
    staticDir: join(appRoot(), 'out', 'renderer'),
    host: opts.host,
    port: opts.port,
    media: (name) => locateMedia(mediaDirOf(service.db), name),
  })
  service.warmUp()
  const info = service.info()
  process.stdout.write(
    `Lectern is serving ${info.sample ? 'the sample archive' : info.path} at ${http.url}\n` +
      `${opts.allowImport ? 'Import is allowed.' : 'Read-only (use --allow-import to import).'}` +
      `${opts.allowPrivateHosts ? ' Pictures may come from private addresses.' : ''}` +
      ' Press Ctrl+C to stop.\n',
  )
  await new Promise<void>((ok) => {
    process.once('SIGINT', ok)
    process.once('SIGTERM', ok)
  })
  await http.close()
  service.close()
  return 0
}
