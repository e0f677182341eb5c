import { mount } from 'svelte'
import App from './App.svelte'
import SignIn from './views/SignIn.svelte'
import { ApiError, createClient, installClient } from './lib/api/client'
import { detectTransport, type Transport } from './lib/api/transport'
import { session } from './lib/state/session.svelte'
import './styles/app.css'

// The one place the transport is chosen: the preload's bridge in the desktop app, HTTP in the
// browser. Everything else receives the client and cannot tell which.
const transport = detectTransport()
let started = false
// A session that ends while the app is open (expired, signed out in another tab, password
// changed) starts the page again, which then asks to sign in.
const watched: Transport = {
  ...transport,
  call: async (method, args) => {
    const reply = await transport.call(method, args)
    if (!reply.ok && reply.error.code === 'unauthenticated' && started) location.reload()
    return reply
  },
}
const client = createClient(watched)
installClient(client)
const target = document.getElementById('app') as HTMLElement

// Who is asking decides what to show: a server with accounts answers `unauthenticated` until
// someone signs in. Any other failure is the app's to report, so it starts anyway.
client.api.me().then(
  (me) => {
    session.set(me)
    started = true
    mount(App, { target })
  },
  (e: unknown) => {
    if (e instanceof ApiError && e.code === 'unauthenticated') mount(SignIn, { target })
    else {
      started = true
      mount(App, { target })
    }
  },
)
