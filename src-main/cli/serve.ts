import { join } from 'node:path'
import { appRoot } from '../app-root'
import { createDispatcher } from '../api/dispatcher'
import { openService } from '../api/open-service'
import { startHttp, type HttpTransport } from '../transport/http'
import { mediaDirOf } from '../images/store'
import { locateMedia } from '../images/serve'
import { untilInterrupted } from './command'

export interface ServeOptions {
  db?: string | undefined
  port: number
  host: string
  allowImport: boolean
  allowPrivateHosts: boolean
  /** Folders to watch while serving (not remembered), even when the browser may not write. */
  watch?: string[]
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
  const watching = opts.watch?.length ? await service.watchFor(opts.watch, false) : null
  const info = service.info()
  process.stdout.write(
    `Lectern is serving ${info.sample ? 'the sample archive' : info.path} at ${http.url}\n` +
      `${opts.allowImport ? 'Import is allowed.' : 'Read-only (use --allow-import to import).'}` +
      `${opts.allowPrivateHosts ? ' Pictures may come from private addresses.' : ''}` +
      `${watching ? ` Watching ${watching.folders.join(', ')}${watching.polling ? ' (polling)' : ''}.` : ''}` +
      ' Press Ctrl+C to stop.\n',
  )
  await untilInterrupted()
  await service.stopWatching()
  await http.close()
  service.close()
  return 0
}
