import { expect, test } from '@playwright/test'
import { SAMPLE, ensureImported, searchbox } from './helpers'

// Just after start on a large archive, serve answers a search before the facets are counted
// (the index is built in a worker meanwhile) and says so; the page then asks again by itself, so
// the library's facets appear without the reader searching again.

test.beforeAll(async ({ request }) => {
  await ensureImported(request, SAMPLE)
})

test('an answer whose facets are still being counted gets them shortly, unasked', async ({
  page,
}) => {
  const asked: string[] = []
  let heldBack = 0
  await page.route('**/api/call', async (route) => {
    const body = route.request().postDataJSON() as { method: string; args: { query?: string } }
    if (body.method !== 'search' || body.args.query !== 'tram') return route.continue()
    asked.push(body.args.query)
    const res = await route.fetch()
    const reply = (await res.json()) as { ok: boolean; value: Record<string, unknown> }
    // the first two answers come as they do while the worker is still counting
    if (heldBack < 2) {
      heldBack++
      delete reply.value.facets
      reply.value.facetsPending = true
    }
    await route.fulfill({ response: res, json: reply })
  })
  await page.goto('/')
  const library = page.getByRole('navigation', { name: 'Library' })
  await expect(library.getByRole('region', { name: 'Tags' })).toBeVisible()
  await searchbox(page).fill('tram')
  // meanwhile the library says they are being counted
  await expect(library.getByText('Counting tags, sources and years…')).toBeVisible()
  await expect.poll(() => heldBack).toBe(2)
  // the facets of "tram" (one article; "city" tags two in the whole archive), from the third
  // answer, which the page asked for by itself
  const tags = library.getByRole('region', { name: 'Tags' })
  await expect(tags.getByRole('button', { name: /^city\s*1$/ })).toBeVisible()
  await expect(library.getByText('Counting tags, sources and years…')).toHaveCount(0)
  expect(asked.length).toBeGreaterThanOrEqual(3)
  await expect(searchbox(page)).toHaveValue('tram')
})
