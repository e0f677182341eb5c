import { lecternMain } from './main'

// `lectern search x | head` closes the pipe early: that is the reader saying it has enough, not
// a failure worth a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0)
  throw e
})

void lecternMain(process.argv.slice(2)).then((code) => {
  process.exitCode = code
})
