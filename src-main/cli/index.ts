import { lecternMain } from './main'

// `lectern search x | head` closes the pipe early: that is the reader saying it has enough, not
// a failure worth a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0)
  throw e
})

void lecternMain(process.argv.slice(2)).then((code) => {
  process.exitCode = code
  // The command is done, everything it opened closed: the process ends by itself. But a folder
  // watcher can leave one of Node's fs watchers open after it was closed (chokidar, when the
  // folder changes as it closes), which would keep `serve --watch` or `watch` running after
  // Ctrl+C for good. This timer keeps nothing alive; it only ends a process something else does.
  setTimeout(() => process.exit(code), 2000).unref()
})
