import type { IpcMain, WebContents } from 'electron'
import type { Dispatch } from '../api/dispatcher'
import type { EventName } from '../shared/api'
import { wireError } from '../shared/errors'
import { IPC_CALL, IPC_EVENT } from '../shared/wire'

/** Thin: every call goes to the dispatcher, and only from the app's own pages. Typed by the
 * little of Electron it uses, so a test can hand it a fake `ipcMain`. */
export function serveIpc(
  ipc: Pick<IpcMain, 'handle'>,
  dispatch: Dispatch,
  isTrusted: (url: string) => boolean,
) {
  ipc.handle(IPC_CALL, (event, method: unknown, args: unknown) => {
    const url = event.senderFrame?.url ?? ''
    if (!isTrusted(url)) {
      return { ok: false, error: wireError({ code: 'forbidden' }) }
    }
    return dispatch(method, args)
  })
}

export function broadcastIpc(
  targets: Pick<WebContents, 'isDestroyed' | 'send'>[],
  event: EventName,
  data: unknown,
): void {
  for (const wc of targets) if (!wc.isDestroyed()) wc.send(IPC_EVENT, event, data)
}
