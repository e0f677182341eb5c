import { app, BrowserWindow, dialog, ipcMain, Menu, shell, webContents } from 'electron'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { appRoot } from './app-root'
import { createDispatcher } from './api/dispatcher'
import { openService } from './api/open-service'
import type { ArchiveService } from './api/service'
import { nativeBindingPath } from './db/native'
import { userDataDir } from './db/location'
import { isAppUrl, isExternalAllowed, webPreferences } from './electron/security'
import { loadWindowState, saveWindowState } from './electron/window-state'
import { buildMenu } from './electron/menu'
import { registerMediaScheme, serveMediaScheme } from './electron/media-protocol'
import { electronPrintPdf, pickExportTarget } from './electron/print-pdf'
import { mediaDirOf } from './images/store'
import { broadcastIpc, serveIpc } from './transport/ipc'

// Electron-only glue: windows, menu, lifecycle. Every behaviour sits behind the contract.
const devServer = process.env.ELECTRON_RENDERER_URL
const rendererFile = join(__dirname, '../renderer/index.html')
/** The one page that may call the archive and that the window may show. */
const appPage = devServer ?? pathToFileURL(rendererFile).href
app.setPath('userData', userDataDir())
registerMediaScheme()
let service: ArchiveService | null = null
let win: BrowserWindow | null = null

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (win?.isMinimized()) win.restore()
    win?.focus()
  })
  app.whenReady().then(start, (e: unknown) => {
    dialog.showErrorBox('Lectern', String(e))
    app.quit()
  })
  app.on('window-all-closed', () => app.quit())
  app.on('will-quit', () => service?.close())
}

async function start(): Promise<void> {
  const root = appRoot()
  try {
    service = await openService({
      canImport: true,
      // The user at the window decides, in Settings ▸ Offline images.
      privateHosts: 'per-request',
      nativeBinding: nativeBindingPath(root),
      pickFolders: async () => {
        const r = await dialog.showOpenDialog({ properties: ['openDirectory', 'multiSelections'] })
        return r.canceled ? [] : r.filePaths
      },
      pickExportTarget,
      printPdf: electronPrintPdf,
      emit: (event, data) => broadcastIpc(webContents.getAllWebContents(), event, data),
    })
  } catch (e) {
    dialog.showErrorBox(
      'Lectern cannot open the archive',
      e instanceof Error ? e.message : String(e),
    )
    app.quit()
    return
  }
  serveIpc(ipcMain, createDispatcher(service), (url) => isAppUrl(url, appPage))
  service.warmUp()
  // Folders the user asked to watch are watched again from the start; a folder gone missing
  // (an unplugged disk) is left out until it is back.
  service.resumeWatching().catch((e: unknown) => console.error('watching:', e))
  const open = service
  serveMediaScheme(() => mediaDirOf(open.db))
  Menu.setApplicationMenu(
    buildMenu((action) => win && broadcastIpc([win.webContents], 'menu', action)),
  )
  createWindow()
}

function createWindow(): void {
  const stateFile = join(app.getPath('userData'), 'window.json')
  const state = loadWindowState(stateFile)
  win = new BrowserWindow({
    ...state,
    minWidth: 640,
    minHeight: 400,
    show: false,
    title: 'Lectern',
    webPreferences: webPreferences(join(__dirname, '../preload/index.cjs')),
  })
  if (state.maximized) win.maximize()
  win.once('ready-to-show', () => win?.show())
  win.on('close', () => {
    if (!win) return
    saveWindowState(stateFile, { ...win.getNormalBounds(), maximized: win.isMaximized() })
  })
  const contents = win.webContents
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalAllowed(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
  contents.on('will-navigate', (e, url) => {
    if (isAppUrl(url, appPage)) return
    e.preventDefault()
    if (isExternalAllowed(url)) void shell.openExternal(url)
  })
  contents.on('will-attach-webview', (e) => e.preventDefault())
  contents.session.setPermissionRequestHandler((_wc, _perm, cb) => cb(false))
  if (devServer) void win.loadURL(devServer)
  else void win.loadFile(rendererFile)
}
