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

/**
 * Whether `url` is the app's own page: exactly `appPage` (the built index.html as a file: URL,
 * or the dev server's address), give or take a #fragment. Prefix and substring checks let in
 * look-alikes (`http://localhost:5173.evil.example/`, `file:///tmp/out/renderer/x.html`), so
 * the parsed parts are compared one by one; a query string or a user name is refused since
 * the app never has one.
 */
export function isAppUrl(url: string, appPage: string): boolean {
  let u: URL
  let app: URL
  try {
    u = new URL(url)
    app = new URL(appPage)
  } catch {
    return false
  }
  return (
    u.protocol === app.protocol &&
    u.host === app.host &&
    u.pathname === app.pathname &&
    u.search === '' &&
    app.search === '' &&
    u.username === '' &&
    u.password === ''
  )
}
