import { expect, test } from '@playwright/test'
import { SAMPLE, ensureImported, resultList, searchbox } from './helpers'

test.beforeAll(async ({ request }) => {
  await ensureImported(request, SAMPLE)
})

// A browser keeps six HTTP/1.1 connections per host and an event stream holds one for as long
// as the tab is open. With a stream per listener (three per tab) the second tab's searches
// queued forever; with one per tab, five tabs leave room for their calls.
test('five tabs of one browser each search and get their answers', async ({ context }) => {
  const queries = ['tram', '降息', 'library', '铁路', 'tides']
  const pages = []
  const streams = new Map<number, number>()
  for (const [i] of queries.entries()) {
    const page = await context.newPage()
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/events') streams.set(i, (streams.get(i) ?? 0) + 1)
    })
    await page.goto('/')
    await expect(resultList(page).getByRole('option').first()).toBeVisible()
    pages.push(page)
  }
  for (const [i, page] of pages.entries()) {
    await searchbox(page).fill(queries[i] as string)
  }
  for (const [i, page] of pages.entries()) {
    const first = resultList(page).getByRole('option').first()
    await expect(first.locator('mark').first(), queries[i]).toBeVisible()
  }
  expect([...streams.values()]).toEqual([1, 1, 1, 1, 1])
})
