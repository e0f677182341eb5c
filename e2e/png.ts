import { crc32, deflateSync } from 'node:zlib'

/** A real PNG drawn here (a harbour at dawn, 320×120) so no binary fixture is needed. */
export function harbourPng(width = 320, height = 120): Buffer {
  const rows: number[] = []
  for (let y = 0; y < height; y++) {
    rows.push(0) // filter: none
    for (let x = 0; x < width; x++) {
      const sun = (x - 220) ** 2 + (y - 48) ** 2 < 22 ** 2
      const sea = y > 78
      const [r, g, b] = sun
        ? [255, 196, 90]
        : sea
          ? [30, 80 + ((x + y) % 24), 130]
          : [240 - y, 150 + y / 2, 120 + y]
      rows.push(r, Math.round(g), Math.round(b))
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(4)
    head.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([head, body, crc])
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr.set([8, 2, 0, 0, 0], 8) // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}
