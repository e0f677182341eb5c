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
