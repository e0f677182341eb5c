import { describe, expect, test } from 'vitest'
import { plainText } from './plain'

// What search reads of an article. Blocks come out on lines of their own ('\n'), which is where
// the index stops a Chinese phrase.
describe('plainText', () => {
  test.each([
    [
      'inline code mentioning <script> hides nothing after it',
      'Use `<script>` to load it.\n\nThe words after it are searchable.',
      'Use <script> to load it.\nThe words after it are searchable.',
    ],
    ['inline code mentioning <style>', '写 `<style>` 之后\n\n还在', '写 <style> 之后\n还在'],
    [
      'a real <script> element is not text',
      'a <script>var secret = 1</script> b\n\n<script>\nvar x\n</script>\n\nc',
      'a b\nc',
    ],
    ['a real <style> element is not text', '<style>p { color: red }</style>\n\nshown', 'shown'],
    ['code blocks are text', '```js\nconst answer = 42\n```', 'const answer = 42'],
    ['HTML comments are not', 'a <!-- hidden --> b\n\n<!--\nblock\n-->\n\nc', 'a b\nc'],
    ['link targets are not text', '[阿里巴巴](https://www.alibaba.com/x)发布', '阿里巴巴发布'],
    ['nor bare or bracketed addresses', 'see https://x.com/a and <https://y.com>', 'see and'],
    [
      'picture alt and title are captions',
      '![滿頭白髮的許家印(中)昨在深圳市中級人民法院](https://inews.gtimg.com/a.jpg "庭審現場")',
      '滿頭白髮的許家印(中)昨在深圳市中級人民法院\n庭審現場',
    ],
    [
      '<img alt title> too, entities decoded',
      '<p><img src="x.jpg" alt="图：A &amp; B" title=\'说明\'>正文</p>',
      '图：A & B\n说明\n正文',
    ],
    ['a caption is not glued to the sentence around it', '前文![图](a.png)后文', '前文\n图\n后文'],
    ['a picture without a caption leaves nothing', '![](data:image/png;base64,AAAA) text', 'text'],
    ['inline tags sit inside words', '<b>t</b>ag and <span>中</span>文', 'tag and 中文'],
    ['block tags separate', '<div>one</div><div>two<br>three</div>', 'one\ntwo\nthree'],
    ['a soft line break inside Chinese adds no space', '中文\n继续', '中文继续'],
    ['a soft line break between words is a space', 'soft\nbreak', 'soft break'],
    ['a hard line break separates', '第一行  \n第二行', '第一行\n第二行'],
    ['headings, quotes and lists', '# 标题\n\n> 引用\n\n- 一\n- 二', '标题\n引用\n一\n二'],
    ['table cells', '| a | b |\n|---|---|\n| 1 | 2 |', 'a\nb\n1\n2'],
    ['reference links', '[ref][1]\n\n[1]: https://a.b', 'ref'],
    ['emphasis and escapes', '**粗** _斜_ ~~删~~ \\*星\\*', '粗 斜 删 *星*'],
    ['entities', 'AT&amp;T &lt;tag&gt; &#20013;&#x6587;', 'AT&T <tag> 中文'],
    ['a task list box is not text', '- [x] done', 'done'],
    ['nothing', '---\n\n', ''],
  ])('%s', (_name, md, expected) => {
    expect(plainText(md)).toBe(expected)
  })
})
