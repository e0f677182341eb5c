import { contextBridge, ipcRenderer, webUtils } from 'electron'
import { IPC_CALL, IPC_EVENT } from '../shared/wire'

// The whole bridge: one call and one event subscription, plus the path of a dropped folder
// (since Electron 32 only a preload can learn it). No Node, no logic; the main process
// validates every call. A sandboxed preload may require only 'electron': the channel names
// from shared/wire.ts are bundled into out/preload/index.cjs, not required at run time.
contextBridge.exposeInMainWorld('lectern', {
  call: (method: string, args: unknown) => ipcRenderer.invoke(IPC_CALL, method, args),
  on: (listener: (event: string, data: unknown) => void) => {
    const wrapped = (_e: unknown, event: string, data: unknown) => listener(event, data)
    ipcRenderer.on(IPC_EVENT, wrapped)
    return () => ipcRenderer.off(IPC_EVENT, wrapped)
  },
  pathForFile: (file: File) => webUtils.getPathForFile(file),
})
