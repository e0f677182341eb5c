import { describe, expect, it } from 'vitest'
import { serviceFixture } from '../test-support/service'
import { FLOOD_ZH, RATE_CUT_ZH, RATE_CUT_ZH_TW } from '../clusters/fixtures/stories'

// A saved search's counts as its list shows them: with the list grouped by story (the default),
// in stories. New: a story none of whose versions came in before the search was last opened (a
// reprint of a story seen before is not news). Unread: a story none of whose versions was read.

const open = serviceFixture()
const md = (title: string, body: string, src: string) =>
  `---\ntitle: ${title}\ndate: 2025-03-01\n---\n\n${body}\n\n${src}\n`

describe('a saved search grouped by story', () => {
  it('counts stories, and new and unread ones as a reader of stories means them', async () => {
    const { call, tree, importNews } = await open({
      'news/1.md': md('央行降息', RATE_CUT_ZH, '[新华](https://xinhua.net/1)'),
      'news/2.md': md('央行再降息', RATE_CUT_ZH, '[新浪](https://sina.com.cn/2)'),
    })
    await importNews()
    await call('saveSearch', { name: '央行', query: '央行 OR 降雨' })
    await new Promise((r) => setTimeout(r, 5))
    // later: a Traditional reprint of the same story, and another story
    tree.write('news/3.md', md('央行宣布降息', RATE_CUT_ZH_TW, '[联合报](https://udn.com/3)'))
    tree.write(
      'news/4.md',
      md('南方内涝', `央行之外，${FLOOD_ZH}`, '[人民网](https://people.cn/4)'),
    )
    const ids = await importNews()
    const counts = async (group: boolean) => {
      const [s] = await call('listSaved', { group })
      return [s!.count, s!.new, s!.unread]
    }
    expect(await counts(false)).toEqual([4, 2, 4])
    // two stories; only the flood is new (the rate cut had versions before); both unread
    expect(await counts(true)).toEqual([2, 1, 2])
    // one version of the rate cut read: that story is read
    await call('setRead', { selection: { ids: [ids['3.md']!] }, read: true })
    expect(await counts(false)).toEqual([4, 2, 3])
    expect(await counts(true)).toEqual([2, 1, 1])
    // what the grouped list shows agrees
    const listed = await call('search', { query: '央行 OR 降雨', group: true })
    expect(listed.total).toBe(2)
    // not grouped unless asked
    expect((await call('listSaved', {}))[0]).toMatchObject({ count: 4 })
  })
})
