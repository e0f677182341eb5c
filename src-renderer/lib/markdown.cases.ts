// Hostile Markdown inputs and what must not survive rendering. Shared by markdown.test.ts
// (vitest + jsdom) and e2e/markdown-browser.spec.ts (the same checks in real Chromium).
export const hostileCases: [name: string, input: string, forbidden: RegExp][] = [
  ['script', '<script>window.__pwned=1</script>text', /<script/i],
  ['img onerror', '<img src=x onerror="window.__pwned=1">', /onerror/i],
  ['javascript link', '[click](javascript:window.__pwned=1)', /javascript:/i],
  ['mixed-case js link', '<a href="JaVaScRiPt:window.__pwned=1">x</a>', /javascript:/i],
  ['entity js link', '<a href="jav&#x09;ascript:window.__pwned=1">x</a>', /href/i],
  ['iframe', '<iframe src="javascript:parent.__pwned=1"></iframe>', /<iframe/i],
  ['svg onload', '<svg onload="window.__pwned=1"><circle r="1"/></svg>', /<svg|onload/i],
  ['style attr', '<div style="background:url(https://evil.example/x)">x</div>', /style=|evil/],
  ['style tag', '<style>body{display:none}</style>', /<style/i],
  ['form', '<form action="https://evil.example"><input name=a></form>', /<form|<input/i],
  ['object', '<object data="https://evil.example/x.swf"></object>', /<object/i],
  [
    'table background',
    '<table background="https://evil.example/x.png"><tr><td>a</td></tr></table>',
    /background/i,
  ],
  ['math', '<math><mi xlink:href="javascript:window.__pwned=1">x</mi></math>', /javascript|<math/i],
  ['data html link', '<a href="data:text/html,<script>alert(1)</script>">x</a>', /href|<script/i],
  ['meta refresh', '<meta http-equiv="refresh" content="0;url=https://evil.example">', /<meta/i],
  ['remote image', '![tram](https://img.example/tram.jpg)', /<img/i],
  ['video poster', '<video poster="https://evil.example/p.png"></video>', /<video|poster/i],
  ['onclick', '<a href="#x" onclick="window.__pwned=1">x</a>', /onclick/i],
  ['details ontoggle', '<details open ontoggle="window.__pwned=1">x</details>', /ontoggle/i],
  ['base href', '<base href="https://evil.example/">', /<base/i],
  // the archive's own picture addresses are set by the reader from Article.images, never
  // taken from the article
  ['written media path', `<img src="/media/${'0'.repeat(64)}.png">`, /<img/i],
  ['written media scheme', `<img src="lectern-media://media/${'0'.repeat(64)}.png">`, /<img/i],
  ['svg data image', '<img src="data:image/svg+xml,%3Csvg onload=alert(1)%3E">', /<img/i],
]
