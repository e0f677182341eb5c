// How the contract travels, named once for both ends: the Electron IPC channels (used by
// transport/ipc.ts and the preload) and the HTTP paths (transport/http.ts and the browser).

export const IPC_CALL = 'lectern:call'
export const IPC_EVENT = 'lectern:event'

export const HTTP_CALL = '/api/call'
/** One server-sent event stream per browser tab, shared by every listener in that tab. */
export const HTTP_EVENTS = '/api/events'
/** Sign-in (JSON `{ name, password }`, sets the session cookie) and sign-out, where the server
 * has accounts. */
export const HTTP_LOGIN = '/api/login'
export const HTTP_LOGOUT = '/api/logout'
