// Pure settings for the desktop window, kept apart from Electron's runtime so a test can check
// them: this window holds an API to the user's archive, so it gets the strictest defaults.
export { CSP } from '../shared/csp'

export function webPreferences(preload: string) {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    navigateOnDragDrop: false,
  } as const
}

/** Only these leave the app, and only through the system browser or mail client. */
export function isExternalAllowed(url: string): boolean {
  try {
    return ['http:', 'https:', 'mailto:'].includes(new URL(url).protocol)
  } catch {
    return false
  }
}

/** The app's own pages: the built files, or the dev server in development. */
export function isAppUrl(url: string, devServer: string | undefined): boolean {
  if (devServer && url.startsWith(devServer)) return true
  return url.startsWith('file://') && url.includes('/out/renderer/')
}
