// Long texts (an article's Markdown, its front matter's JSON, its index text) reach the writer as
// UTF-8 bytes when a parse worker made them: the worker puts a batch's texts in one buffer that
// postMessage hands over without a copy, and SQLite takes bytes as they are, where a JS string is
// copied twice on the way (the message's clone, then UTF-8 for the binding), and many thousands
// of such strings held across batches kept the writer's garbage collector busy.

/** Text as the archive binds it: a string, or its UTF-8 bytes. SQL takes it as
 * `CAST(? AS TEXT)` (bytes are a BLOB until cast; a string is unchanged). */
export type StoredText = string | Uint8Array

const utf8 = new TextDecoder()

export function asString(t: StoredText): string {
  return typeof t === 'string' ? t : utf8.decode(t)
}

/**
 * Replaces, in place, each text `fields` reads or writes on the items with its UTF-8 bytes, all in
 * one new buffer (bytes already are copied in); returns the buffer, for postMessage's transfer
 * list.
 */
export function textsToBytes<T>(
  items: T[],
  fields: (item: T, put: (t: StoredText) => StoredText) => void,
): ArrayBuffer {
  let size = 0
  for (const item of items) {
    fields(item, (t) => {
      size += typeof t === 'string' ? Buffer.byteLength(t) : t.byteLength
      return t
    })
  }
  // its own memory, not a slice of Node's shared pool: the whole of it is handed over
  const buf = Buffer.allocUnsafeSlow(size)
  let at = 0
  for (const item of items) {
    fields(item, (t) => {
      let n: number
      if (typeof t === 'string') n = buf.write(t, at)
      else {
        buf.set(t, at)
        n = t.byteLength
      }
      const bytes = new Uint8Array(buf.buffer, buf.byteOffset + at, n)
      at += n
      return bytes
    })
  }
  return buf.buffer
}
