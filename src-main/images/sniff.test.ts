import { describe, expect, it } from 'vitest'
import { sniffImage } from './sniff'
import { TINY_JPEG, tinyPng } from '../test-support/images'

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(
    parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))),
  )

const BMP = bytes('BM', [0x46, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0], [40, 0, 0, 0], [1, 0, 0, 0])
const ICO = bytes([0, 0, 1, 0, 1, 0, 16, 16, 0, 0, 1, 0, 32, 0], [0, 4, 0, 0, 22, 0, 0, 0])
const AVIF = bytes([0, 0, 0, 0x1c], 'ftypavif', [0, 0, 0, 0], 'avifmif1miaf')
const AVIF_COMPAT = bytes([0, 0, 0, 0x18], 'ftypmif1', [0, 0, 0, 0], 'avifmiaf')
const HEIC = bytes([0, 0, 0, 0x18], 'ftypheic', [0, 0, 0, 0], 'mif1heic')

describe('recognising pictures by their bytes', () => {
  it.each([
    ['PNG', tinyPng(1), 'png'],
    ['JPEG', TINY_JPEG, 'jpg'],
    ['GIF89a', bytes('GIF89a', [1, 0, 1, 0, 0, 0, 0]), 'gif'],
    ['GIF87a', bytes('GIF87a', [1, 0, 1, 0]), 'gif'],
    ['WebP', bytes('RIFF', [0x1a, 0, 0, 0], 'WEBPVP8 '), 'webp'],
    ['AVIF (major brand)', AVIF, 'avif'],
    ['AVIF (compatible brand)', AVIF_COMPAT, 'avif'],
    ['BMP', BMP, 'bmp'],
    ['ICO', ICO, 'ico'],
    ['SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'svg'],
    [
      'SVG with BOM, XML declaration, comment and doctype',
      Buffer.from(
        '\uFEFF<?xml version="1.0"?>\n<!-- made by hand -->\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n<svg width="1"></svg>',
      ),
      'svg',
    ],
  ])('%s', (_label, input, ext) => {
    expect(sniffImage(input)?.ext).toBe(ext)
  })

  it.each([
    ['an HTML error page', Buffer.from('<!DOCTYPE html><html><body>403 Forbidden</body></html>')],
    ['an HTML page holding an SVG', Buffer.from('<html><body><svg></svg></body></html>')],
    ['JSON', Buffer.from('{"error":"hotlink denied"}')],
    ['text that starts with BM', Buffer.from('BMW shares rose 3% on Tuesday after the results')],
    ['HEIC (no browser shows it)', HEIC],
    ['an SVG declaring entities', Buffer.from('<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg>&a;</svg>')],
    ['a truncated PNG signature', tinyPng(1).subarray(0, 5)],
    ['nothing', Buffer.alloc(0)],
  ])('refuses %s', (_label, input) => {
    expect(sniffImage(input)).toBeNull()
  })
})
