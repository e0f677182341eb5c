import { expect, test, type Page } from '@playwright/test'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { call, shot, reader, resultList, searchbox } from './helpers'

// The research layer as a reader meets it: select text and highlight it, write a note, find it
// again with note:, survive an edit of the file, and copy a quote with its citation.

const ZH_BODY = [
  '阿里巴巴周四公布季度财报，云业务收入同比增长百分之十三。',
  '分析师认为，监管环境仍是最大的变数，投资者应保持谨慎。',
]
const EN_BODY = [
  'The central bank cut interest rates by a quarter point on Thursday.',
  'Officials said inflation had eased enough to allow a cautious step.',
]

function file(title: string, body: string[], extra: string): string {
  return `---\ntitle: "${title}"\ndate: "2025-02-13 19:47:22"\n${extra}---\n\n${body.join('\n\n')}\n`
}

const folder = mkdtempSync(join(tmpdir(), 'lectern-notes-'))
function write(zh: string[], en: string[]) {
  mkdirSync(folder, { recursive: true })
  writeFileSync(
    join(folder, 'zh.md'),
    file(
      '阿里巴巴季度财报',
      zh,
      'source: "https://new.qq.com/rain/a/1"\nsource_name: 腾讯新闻\ntags: [科技]\n',
    ),
  )
  writeFileSync(
    join(folder, 'en.md'),
    file(
      'Central bank cuts rates',
      en,
      'source: "https://www.reuters.com/x"\nauthor: Jane Smith\n',
    ),
  )
}

/** Selects `quote` in the article as a mouse would, then lets go of the button. */
async function select(page: Page, quote: string) {
  await page.evaluate((q) => {
    // a mouse press in the article focuses it, as here
    document.querySelector<HTMLElement>('#reader-article')!.focus()
    const root = document.querySelector('#reader-article .content')!
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
    while (walker.nextNode()) {
      const node = walker.currentNode as Text
      const at = node.data.indexOf(q)
      if (at < 0) continue
      const range = document.createRange()
      range.setStart(node, at)
      range.setEnd(node, at + q.length)
      const sel = window.getSelection()!
      sel.removeAllRanges()
      sel.addRange(range)
      root.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }))
      return
    }
    throw new Error(`not on the page: ${q} in ${root.innerHTML}`)
  }, quote)
}

async function open(page: Page, query: string, title: string) {
  await page.goto('/')
  await searchbox(page).fill(query)
  await resultList(page).getByRole('option').filter({ hasText: title }).first().click()
  await expect(page.locator('#reader-title')).toHaveText(title)
}

test.beforeAll(async ({ request }) => {
  write(ZH_BODY, EN_BODY)
  await call(request, 'importFolders', { folders: [folder] })
})

test('highlight a selection, note it, find it with note:, keep it through an edit', async ({
  page,
  request,
}) => {
  await open(page, 'title:阿里巴巴季度财报', '阿里巴巴季度财报')
  const article = reader(page)
  await select(page, '监管环境仍是最大的变数')
  await page.getByRole('button', { name: 'Highlight in green (H)' }).click()
  const mark = article.locator('mark.hl-green')
  await expect(mark).toHaveText('监管环境仍是最大的变数')

  const item = page.locator('[data-highlight-item]').first()
  await item.getByRole('textbox', { name: 'Note on this highlight' }).fill('政策风险：追踪')
  await item.getByRole('textbox', { name: 'Note on this highlight' }).blur()
  await expect(article.locator('mark.hl.has-note')).toHaveCount(1)

  // The keyboard: select, then H.
  await select(page, '云业务收入同比增长')
  await page.keyboard.press('h')
  await expect(article.locator('mark.hl-yellow')).toHaveText('云业务收入同比增长')

  // The same in English
  await open(page, 'title:"central bank"', 'Central bank cuts rates')
  await select(page, 'inflation had eased')
  await page.getByRole('button', { name: 'Highlight in blue (H)' }).click()
  await expect(reader(page).locator('mark.hl-blue')).toHaveText('inflation had eased')
  const stored = await call<{ quote: string; start: number; end: number }[]>(
    request,
    'highlights',
    {},
  )
  expect(stored.map((h) => h.quote).sort()).toEqual(
    ['inflation had eased', '云业务收入同比增长', '监管环境仍是最大的变数'].sort(),
  )

  // note: finds the article by what the reader wrote (Traditional typed, Simplified stored)
  await page.goto('/')
  await searchbox(page).fill('note:政策風險')
  await expect(resultList(page).getByRole('option')).toHaveCount(1)
  await expect(resultList(page).getByRole('option').first()).toContainText('阿里巴巴季度财报')

  // An edited copy: a paragraph before, a word changed near the quote.
  write(
    ['新华社北京电。', ...ZH_BODY.map((p) => p.replace('分析师认为', '多位分析师认为'))],
    EN_BODY,
  )
  const report = await call<{ annotations: { kept: number; moved: number; orphaned: number } }>(
    request,
    'importFolders',
    { folders: [folder] },
  )
  expect(report.annotations).toMatchObject({ moved: 2, orphaned: 0 })
  await open(page, 'title:阿里巴巴季度财报', '阿里巴巴季度财报')
  await expect(reader(page).locator('mark.hl-green')).toHaveText('监管环境仍是最大的变数')
  await expect(reader(page).locator('mark.hl-yellow')).toHaveText('云业务收入同比增长')
  await shot(page, 'highlights')

  // Clicking one in the side list scrolls to it; deleting can be undone.
  await page.locator('[data-highlight-item]').first().getByRole('button').first().click()
  await expect(reader(page).locator('mark.hl.flash')).toHaveCount(1)
  await page
    .locator('[data-highlight-item]')
    .first()
    .getByRole('button', { name: 'Remove highlight' })
    .click()
  await expect(reader(page).locator('mark.hl')).toHaveCount(1)
  await page.getByRole('button', { name: 'Undo' }).click()
  await expect(reader(page).locator('mark.hl')).toHaveCount(2)

  // The Annotations view: everything, newest first; the search language filters it; an entry
  // opens its article at the highlight.
  await page.getByRole('button', { name: 'Annotations' }).click()
  const view = page.getByRole('region', { name: 'Annotations' })
  await expect(view.getByRole('listitem')).toHaveCount(3)
  await shot(page, 'annotations')
  await view.getByRole('searchbox').fill('阿里 has:note tag:科技')
  await expect(view.getByRole('listitem')).toHaveCount(1)
  await view.getByRole('button', { name: /监管环境仍是最大的变数/ }).click()
  await expect(page.locator('#reader-title')).toHaveText('阿里巴巴季度财报')
  await expect(reader(page).locator('mark.hl-green.flash')).toBeVisible()
})

test('copy quote puts the text and its citation on the clipboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await open(page, 'title:"central bank"', 'Central bank cuts rates')
  await select(page, 'cut interest rates')
  await page.getByRole('toolbar').getByRole('button', { name: 'Copy quote' }).click()
  await expect(page.getByText('Quote and citation copied')).toBeVisible()
  const clip = await page.evaluate(async () => {
    const [item] = await navigator.clipboard.read()
    const text = await (await item!.getType('text/plain')).text()
    const html = await (await item!.getType('text/html')).text()
    return { text, html }
  })
  expect(clip.text).toMatch(
    /^“cut interest rates”\n— Smith, J\. \(2025, February 13\)\. Central bank cuts rates/,
  )
  expect(clip.html).toContain('<blockquote>cut interest rates</blockquote>')
  expect(clip.html).toContain('Central bank cuts rates')
})
