// The stylesheet inlined into HTML and PDF exports (and given to the EPUB): readable on screen,
// printed with a page break before each article and no link addresses sprinkled in the text.
export const EXPORT_CSS = `
:root { color-scheme: light; }
body { font: 16px/1.7 "Noto Serif CJK SC", "Source Han Serif SC", Georgia, serif; color: #1d1d1f;
  max-width: 46em; margin: 0 auto; padding: 2em 1.2em; background: #fff; }
h1, h2, h3 { line-height: 1.3; }
header.export h1 { font-size: 1.8em; margin-bottom: .2em; }
nav.toc ol { padding-left: 1.4em; }
nav.toc li { margin: .2em 0; }
article.entry { border-top: 1px solid #ddd; margin-top: 3em; padding-top: 1em; }
article.entry > h1 { font-size: 1.6em; }
.meta { color: #555; font-size: .9em; }
.citation { color: #444; font-size: .88em; border-left: 3px solid #bbb; padding-left: .8em;
  margin-top: 2em; }
img { max-width: 100%; height: auto; }
pre { white-space: pre-wrap; background: #f6f6f6; padding: .8em; }
table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: .2em .5em; }
blockquote { margin-left: 0; padding-left: 1em; border-left: 3px solid #ddd; color: #444; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  nav.toc { break-after: page; }
  article.entry { break-before: page; border-top: none; margin-top: 0; }
  a { color: inherit; text-decoration: none; }
  img, pre, blockquote, table { break-inside: avoid; }
}
`
