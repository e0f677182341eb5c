import { describe, expect, it } from 'vitest'
import { en } from './en'
import { zhCN } from './zh-CN'
import { messageText, pluralForm } from './plural'

const say = (entry: (typeof en)[keyof typeof en], params: Record<string, string | number>) =>
  messageText(entry, params, 'en')

describe('messages that count', () => {
  it('say one file, one article, in English', () => {
    expect(say(en.importDone, { n: '1' })).toBe('Import finished: 1 file scanned.')
    expect(say(en.importDone, { n: '2,098' })).toBe('Import finished: 2,098 files scanned.')
    expect(say(en.importDone, { n: 0 })).toBe('Import finished: 0 files scanned.')
    expect(say(en.bulkTrashConfirm, { n: 1 })).toBe('Move 1 article to the trash')
    expect(say(en.changedTrash, { n: 3 })).toBe('Moved 3 articles to the trash.')
    expect(say(en.results, { n: '1' })).toBe('1 article')
    // a progress count follows its total
    expect(say(en.importProgress, { done: 0, total: 1 })).toBe('0 of 1 file')
    expect(say(en.importProgress, { done: 1, total: 12 })).toBe('1 of 12 files')
  })

  it('count each thing apart when a message counts two or more', () => {
    const backup = (articles: string, pictures: string) =>
      say(en.backupDone, {
        articles: say(en.countArticles, { n: articles }),
        pictures: say(en.countPictures, { n: pictures }),
      })
    expect(backup('2,152', '1')).toBe(
      'Backed up 2,152 articles and 1 picture; the copy was verified.',
    )
    expect(backup('1', '0')).toBe('Backed up 1 article and 0 pictures; the copy was verified.')
    expect(
      say(en.checkProblems, {
        integrity: say(en.countIntegrity, { n: 1 }),
        index: say(en.countIndex, { n: 2 }),
        unused: say(en.countUnused, { n: 1 }),
        missing: say(en.countMissing, { n: 0 }),
      }),
    ).toBe(
      'Found 1 integrity problem, 2 search index differences, 1 unused picture and 0 missing pictures.',
    )
    const zh = (e: (typeof zhCN)[keyof typeof zhCN], p: Record<string, string | number>) =>
      messageText(e, p, 'zh-CN')
    expect(
      zh(zhCN.backupDone, {
        articles: zh(zhCN.countArticles, { n: '2,152' }),
        pictures: zh(zhCN.countPictures, { n: 1 }),
      }),
    ).toBe('已备份 2,152 篇文章和 1 张图片；副本已校验。')
    expect(say(en.matches, { i: 1, n: 1 })).toBe('1 / 1 match')
    expect(say(en.markReadSeconds, { n: 1 })).toBe('second')
    expect(say(en.markReadSeconds, { n: 15 })).toBe('seconds')
  })

  it('picks by the language: Chinese has one form', () => {
    expect(messageText(zhCN.importDone, { n: 1 }, 'zh-CN')).toBe('导入完成：共扫描 1 个文件。')
    // a parameter not given stays as written
    expect(say(en.importDone, {})).toBe('Import finished: {n} files scanned.')
    expect(pluralForm('zh-CN', { n: 1 })).toBe('other')
    expect(pluralForm('en', { n: 1 })).toBe('one')
    expect(pluralForm('en', { n: '1.5' })).toBe('other')
    expect(pluralForm('en', {})).toBe('other')
  })
})
