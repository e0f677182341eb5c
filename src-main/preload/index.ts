import { contextBridge, ipcRenderer, webUtils } from 'electron'

// The whole bridge: one call and one event subscription, plus the path of a dropped folder
// (since Electron 32 only a preload can learn it). No Node, no logic; the main process
// validates every call. Channel names are repeated here because a sandboxed preload may only
// import 'electron'.
contextBridge.exposeInMainWorld('lectern', {
  call: (method: string, args: unknown) => ipcRenderer.invoke('lectern:call', method, args),
  on: (listener: (event: string, data: unknown) => void) => {
    const wrapped = (_e: unknown, event: string, data: unknown) => listener(event, data)
    ipcRenderer.on('lectern:event', wrapped)
    return () => ipcRenderer.off('lectern:event', wrapped)
  },
  pathForFile: (file: File) => webUtils.getPathForFile(file),
})
