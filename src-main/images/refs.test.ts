import { describe, expect, it } from 'vitest'
import { articleImages, classifySource, decodeEntities, imageSources } from './refs'

describe('finding the pictures of an article', () => {
  it('takes Markdown and HTML images in order, each once, and ignores code', () => {
    const md = [
      '# Title',
      '![The Synopsys panel (Source: EE Times)](https://www.eetimes.com/a.jpg?resize=640%2C360)',
      '![](<img/with space.png> "a title")',
      'Text ![inline][ref] more.',
      '',
      '<p><img class="x" src="https://inews.gtimg.com/a/0?w=1&amp;h=2" alt=""></p>',
      '',
      "Inline <img src='img/b.png'> html.",
      '`![not an image](code.png)`',
      '',
      '```',
      '![not an image either](fence.png)',
      '<img src="fence2.png">',
      '```',
      '',
      '![again](https://www.eetimes.com/a.jpg?resize=640%2C360)',
      '![]()',
      '',
      '[ref]: https://cdn.example/ref.webp',
    ].join('\n')
    expect(imageSources(md)).toEqual([
      'https://www.eetimes.com/a.jpg?resize=640%2C360',
      'img/with space.png',
      'https://cdn.example/ref.webp',
      'https://inews.gtimg.com/a/0?w=1&h=2',
      'img/b.png',
    ])
  })

  it('adds the thumbnail unless the body already shows it', () => {
    expect(articleImages({ markdown: '![](a.png)', thumbnail: ' b.png ' })).toEqual([
      { src: 'a.png', thumbnail: false },
      { src: 'b.png', thumbnail: true },
    ])
    expect(articleImages({ markdown: '![](a.png)', thumbnail: 'a.png' })).toEqual([
      { src: 'a.png', thumbnail: false },
    ])
    expect(articleImages({ markdown: 'no pictures', thumbnail: null })).toEqual([])
  })

  it('decodes the entities found in attributes', () => {
    expect(decodeEntities('a&amp;b&#38;c&#x26;d&quot;&lt;&nbsp;')).toBe('a&b&c&d"<&nbsp;')
  })
})

describe('what an image address means', () => {
  const top = { dir: '', sourceUrl: 'https://www.example.com/news/1.html' }
  const sub = { dir: 'zh/news', sourceUrl: null }
  it.each([
    ['https://inews.gtimg.com/x/0', top, { kind: 'remote', url: 'https://inews.gtimg.com/x/0' }],
    ['HTTP://A.example/x.png', top, { kind: 'remote', url: 'http://a.example/x.png' }],
    [
      '//stat1.moneycontrol.com/grey_bg.gif',
      top,
      { kind: 'remote', url: 'https://stat1.moneycontrol.com/grey_bg.gif' },
    ],
    [
      '/sites/default/files/a.png',
      top,
      { kind: 'remote', url: 'https://www.example.com/sites/default/files/a.png' },
    ],
    ['/sites/default/files/a.png', sub, { kind: 'refused', reason: { code: 'absolute-path' } }],
    ['img/a.png', top, { kind: 'local', rel: 'img/a.png' }],
    ['./img/a.png', sub, { kind: 'local', rel: 'zh/news/img/a.png' }],
    ['../shared/a.png', sub, { kind: 'local', rel: 'zh/shared/a.png' }],
    ['img/a%20b.png?v=2#x', top, { kind: 'local', rel: 'img/a b.png' }],
    ['img\\win.png', top, { kind: 'local', rel: 'img/win.png' }],
    ['../../etc/passwd', top, { kind: 'refused', reason: { code: 'outside-folder' } }],
    ['../../../etc/passwd', sub, { kind: 'refused', reason: { code: 'outside-folder' } }],
    ['img/../../x.png', top, { kind: 'refused', reason: { code: 'outside-folder' } }],
    ['%2e%2e/x.png', top, { kind: 'refused', reason: { code: 'outside-folder' } }],
    ['file:///etc/passwd', top, { kind: 'refused', reason: { code: 'file-address' } }],
    [
      'FILE:////Users/a/clip_image001.png',
      top,
      { kind: 'refused', reason: { code: 'file-address' } },
    ],
    ['C:\\Users\\a\\pic.png', top, { kind: 'refused', reason: { code: 'absolute-path' } }],
    [
      'blob:https://bakery.cmc.local/47a1',
      top,
      { kind: 'refused', reason: { code: 'scheme', scheme: 'blob' } },
    ],
    [
      'javascript:alert(1)',
      top,
      { kind: 'refused', reason: { code: 'scheme', scheme: 'javascript' } },
    ],
    ['data:image/png;base64,iVBORw0KGgo=', top, { kind: 'inline' }],
    ['https://', top, { kind: 'refused', reason: { code: 'invalid-address' } }],
  ] as const)('%s', (src, ctx, expected) => {
    expect(classifySource(src, ctx)).toEqual(expected)
  })
})
