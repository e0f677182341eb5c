import { describe, it, expect } from 'vitest'
import iconv from 'iconv-lite'
import { decodeFile } from './decode'
import { describeEn } from '../shared/messages-en'

const SIMPLIFIED =
  '国务院总理李强2月13日主持召开国务院常务会议，研究进一步做好稳就业工作的有关举措。' +
  '会议指出，就业是最基本的民生，要把稳就业摆在更加突出的位置，加大对重点群体的帮扶力度。'
const TRADITIONAL =
  '立法會今日三讀通過條例草案，政府發言人表示，會繼續與業界保持溝通，確保新規定順利實施。' +
  '有議員關注小型商戶的營運成本，當局承諾會在過渡期內提供適切支援。'
const ARTICLE = `---\ntitle: "宠物食品+宠物经济"\ndate: "2026-07-30 16:04:22"\n---\n\n${SIMPLIFIED}\n`

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))))

function text(buf: Uint8Array) {
  const result = decodeFile(buf, 'article.md')
  if (result.kind !== 'text')
    throw new Error(`expected text, got skip: ${describeEn(result.reason)}`)
  return result
}

describe('decodeFile: encodings', () => {
  it.each([
    ['UTF-8', Buffer.from(ARTICLE, 'utf8'), ARTICLE, 'utf-8', []],
    ['UTF-8 with BOM', bytes([0xef, 0xbb, 0xbf], ARTICLE), ARTICLE, 'utf-8', []],
    [
      'UTF-16LE with BOM',
      iconv.encode(ARTICLE, 'utf-16le', { addBOM: true }),
      ARTICLE,
      'utf-16le',
      ['decoded from UTF-16LE'],
    ],
    [
      'UTF-16BE with BOM',
      iconv.encode(ARTICLE, 'utf-16be', { addBOM: true }),
      ARTICLE,
      'utf-16be',
      ['decoded from UTF-16BE'],
    ],
    ['GBK article', iconv.encode(ARTICLE, 'gbk'), ARTICLE, 'gb18030', ['decoded from GB18030']],
    [
      'GB18030 paragraph',
      iconv.encode(SIMPLIFIED, 'gb18030'),
      SIMPLIFIED,
      'gb18030',
      ['decoded from GB18030'],
    ],
    [
      'Big5 paragraph',
      iconv.encode(TRADITIONAL, 'big5'),
      TRADITIONAL,
      'big5',
      ['decoded from Big5'],
    ],
    [
      'GBK headline',
      iconv.encode('国务院常务会议', 'gbk'),
      '国务院常务会议',
      'gb18030',
      ['decoded from GB18030'],
    ],
    [
      'Big5 headline',
      iconv.encode('立法會三讀通過', 'big5'),
      '立法會三讀通過',
      'big5',
      ['decoded from Big5'],
    ],
    [
      'GBK two characters',
      iconv.encode('新闻', 'gbk'),
      '新闻',
      'gb18030',
      ['decoded from GB18030'],
    ],
    ['Big5 two characters', iconv.encode('新聞', 'big5'), '新聞', 'big5', ['decoded from Big5']],
    [
      'Windows-1252 English',
      iconv.encode('The café served crème brûlée — a “naïve” résumé.', 'windows-1252'),
      'The café served crème brûlée — a “naïve” résumé.',
      'windows-1252',
      ['decoded from Windows-1252'],
    ],
  ])('%s', (_label, buf, expected, encoding, warnings) => {
    const result = text(buf)
    expect(result.text).toBe(expected)
    expect(result.encoding).toBe(encoding)
    expect(result.warnings.map(describeEn)).toEqual(warnings)
  })

  it('keeps a UTF-8 file with one damaged byte as UTF-8 rather than mojibake', () => {
    const buf = bytes(ARTICLE, [0xe4, 0xb8], '\n结束。\n')
    const result = text(buf)
    expect(result.encoding).toBe('utf-8')
    expect(result.text).toContain(SIMPLIFIED)
    expect(result.warnings).toEqual([{ code: 'invalid-utf8' }])
  })

  it('reads BOM-less UTF-16 text instead of calling it binary', () => {
    const result = text(iconv.encode('---\ntitle: Hello\n---\nBody text\n', 'utf-16le'))
    expect(result.text).toBe('---\ntitle: Hello\n---\nBody text\n')
    expect(result.encoding).toBe('utf-16le')
  })
})

describe('decodeFile: newlines', () => {
  it.each([
    ['CRLF', 'title\r\n\r\nline one\r\nline two\r\n', 'title\n\nline one\nline two\n'],
    ['lone CR (classic Mac)', 'title\r\rline one\rline two\r', 'title\n\nline one\nline two\n'],
    ['mixed', 'a\r\nb\rc\nd', 'a\nb\nc\nd'],
  ])('%s becomes LF', (_label, input, expected) => {
    expect(text(Buffer.from(input)).text).toBe(expected)
  })

  it('normalises CRLF in UTF-16 and GBK files too', () => {
    const crlf = SIMPLIFIED.replace('。', '。\r\n')
    expect(text(iconv.encode(crlf, 'utf-16le', { addBOM: true })).text).toBe(
      SIMPLIFIED.replace('。', '。\n'),
    )
    expect(text(iconv.encode(crlf, 'gbk')).text).toBe(SIMPLIFIED.replace('。', '。\n'))
  })
})

describe('decodeFile: skipped files', () => {
  it.each([
    ['0 bytes', new Uint8Array(0), 'empty file'],
    ['whitespace only', Buffer.from(' \n\r\n\t \n'), 'empty file'],
    ['UTF-8 BOM only', bytes([0xef, 0xbb, 0xbf]), 'empty file'],
    ['UTF-8 BOM and newlines', bytes([0xef, 0xbb, 0xbf], '\n\n'), 'empty file'],
    ['UTF-16 BOM only', bytes([0xff, 0xfe]), 'empty file'],
    [
      'PNG image',
      bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d], 'IHDR'),
      'binary file',
    ],
    ['JPEG image', bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 'JFIF'), 'binary file'],
    [
      'PDF',
      Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1'),
      'binary file',
    ],
    [
      'ZIP (docx, epub)',
      bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00], 'word/document.xml'),
      'binary file',
    ],
    [
      'NUL bytes in text',
      bytes('# Title\n\nSome text', [0, 0, 0, 1, 2, 3], 'more text'),
      'binary file',
    ],
    [
      'control characters',
      Buffer.from('\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f' + 'abc'.repeat(20)),
      'binary file',
    ],
  ])('%s', (_label, buf, reason) => {
    const result = decodeFile(buf, 'x.md')
    expect(result.kind).toBe('skip')
    expect(result.kind === 'skip' && describeEn(result.reason)).toBe(reason)
  })

  it('counts every control character but tab, newline, form feed and escape, and only many', () => {
    // (NUL and a carriage return never get this far: NUL is binary at once, CR becomes \n)
    const codes = [...Array(0x20).keys(), 0x7f].filter((c) => c !== 0 && c !== 0x0d)
    for (const c of codes) {
      const many = decodeFile(Buffer.from(String.fromCharCode(c).repeat(10) + 'a'.repeat(40)), 'x')
      const few = decodeFile(Buffer.from(String.fromCharCode(c) + 'a'.repeat(40)), 'x')
      const exempt = [0x09, 0x0a, 0x0c, 0x1b].includes(c)
      expect(many.kind, `U+${c.toString(16)}`).toBe(exempt ? 'text' : 'skip')
      expect(few.kind, `U+${c.toString(16)}`).toBe('text')
    }
  })

  it('does not skip text that merely mentions a tab or form feed', () => {
    expect(text(Buffer.from('col1\tcol2\tcol3\n\fnext page\n')).text).toBe(
      'col1\tcol2\tcol3\n\fnext page\n',
    )
  })
})
