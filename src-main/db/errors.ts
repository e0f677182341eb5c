/** An error whose message is meant for the user (no stack trace shown). */
export class ArchiveError extends Error {
  constructor(
    readonly code: 'archive-missing' | 'archive-unreadable' | 'archive-too-new' | 'not-found',
    message: string,
  ) {
    super(message)
    this.name = 'ArchiveError'
  }
}
