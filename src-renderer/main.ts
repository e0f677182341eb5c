import { mount } from 'svelte'
import App from './App.svelte'
import { createClient, installClient } from './lib/api/client'
import { detectTransport } from './lib/api/transport'
import './styles/app.css'

// The one place the transport is chosen: the preload's bridge in the desktop app, HTTP in the
// browser. Everything else receives the client and cannot tell which.
installClient(createClient(detectTransport()))
mount(App, { target: document.getElementById('app') as HTMLElement })
