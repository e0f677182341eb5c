import type { IpcMain, WebContents } from 'electron'
import type { Dispatch } from '../api/dispatcher'
import type { EventName } from '../shared/api'
import { wireError } from '../shared/errors'

export const CALL_CHANNEL = 'lectern:call'
export const EVENT_CHANNEL = 'lectern:event'

/** Thin: every call goes to the dispatcher, and only from the app's own pages. */
export function serveIpc(ipc: IpcMain, dispatch: Dispatch, isTrusted: (url: string) => boolean) {
  ipc.handle(CALL_CHANNEL, (event, method: unknown, args: unknown) => {
    const url = event.senderFrame?.url ?? ''
    if (!isTrusted(url)) {
      return { ok: false, error: wireError({ code: 'forbidden' }) }
    }
    return dispatch(method, args)
  })
}

export function broadcastIpc(targets: WebContents[], event: EventName, data: unknown): void {
  for (const wc of targets) if (!wc.isDestroyed()) wc.send(EVENT_CHANNEL, event, data)
}
