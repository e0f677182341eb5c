// Every problem code in Simplified Chinese. The type is the English table's, so a code added to
// the contract without a translation here fails to compile. Details that are a library's English
// (a YAML parser's message, SQLite's) are left out: the code says what the reader needs.
import type { ProblemParams, ProblemTexts } from '../../src-main/shared/messages-en'
import type { ImageRefusal } from '../../src-main/shared/problems'

function sizeZh(n: number): string {
  if (n < 1024) return `${n} 字节`
  const [v, unit] = n < 1024 * 1024 ? [n / 1024, 'KB'] : [n / 1024 / 1024, 'MB']
  return `${(v >= 10 ? v.toFixed(0) : v.toFixed(1)).replace(/\.0$/, '')} ${unit}`
}

function secondsZh(ms: number): string {
  return ms >= 1000 ? `${+(ms / 1000).toFixed(1)} 秒` : `${ms} 毫秒`
}

/** A system error code (`ECONNRESET`) is shown; an English sentence from a library is not. */
function code(detail: string): string {
  return /^[A-Z][A-Z0-9_]+$/.test(detail) ? `（${detail}）` : ''
}

const KIND = { collection: '合集', 'saved-search': '已存搜索' } as const

function argRule(p: ProblemParams['bad-arguments']): string {
  switch (p.rule) {
    case 'string':
      return `参数 ${p.at} 必须是文本`
    case 'whole-number':
      return `参数 ${p.at} 必须是 ${p.min} 到 ${p.max} 之间的整数`
    case 'boolean':
      return `参数 ${p.at} 必须是 true 或 false`
    case 'fraction':
      return `参数 ${p.at} 必须是 0 到 1 之间的数`
    case 'one-of':
      return `参数 ${p.at} 必须是以下之一：${p.options.join('、')}`
    case 'list':
      return `参数 ${p.at} 必须是最多 ${p.max} 项的列表`
    case 'object':
      return `参数 ${p.at} 必须是对象`
    case 'unknown-key':
      return `未知参数 ${p.at}`
    case 'no-arguments':
      return `${p.at} 不接受参数`
  }
}

function refusal(why: ImageRefusal): string {
  switch (why.code) {
    case 'file-address':
      return '不导入 file: 地址'
    case 'absolute-path':
      return '绝对路径'
    case 'scheme':
      return `无法保存 ${why.scheme}: 地址`
    case 'invalid-path':
      return '路径无效'
    case 'outside-folder':
      return '位于导入的文件夹之外'
    case 'no-host':
      return '地址中没有主机名'
    case 'invalid-address':
      return '地址无效'
  }
}

const READ_ONLY = {
  import: '导入',
  'fetch-images': '下载图片',
  edit: '编辑',
  trash: '更改废纸篓',
  undo: '撤销',
  labels: '更改标签',
  backup: '备份',
  repair: '修复',
  watch: '监视文件夹',
  export: '导出到服务器上的文件',
  'change-clusters': '更改报道归组',
  organise: '更改合集、已存搜索或阅读状态',
} as const

const FIELD: Record<string, string> = {
  title: '标题',
  date: '日期',
  summary: '摘要',
  lang: '语言',
  tags: '标签',
  categories: '分类',
  sourceName: '来源名称',
  sourceUrl: '来源网址',
}
const field = (f: string) => FIELD[f] ?? f

type InvalidValue = ProblemParams['invalid-value']
const INVALID: { [R in InvalidValue['rule']]: (p: InvalidValue) => string } = {
  empty: (p) => `${field(p.field)}不能为空。`,
  'not-text': (p) => `${field(p.field)}必须是文字。`,
  'too-long': (p) => `${field(p.field)}超过 ${p.max} 个字符。`,
  'not-list': (p) => `${field(p.field)}必须是列表。`,
  date: (p) => `无法识别日期：${p.value}（例如 2025-02-13）。`,
  lang: (p) => `不是语言代码：${p.value}（例如 zh-CN 或 en）。`,
  url: (p) => `来源网址须以 http:// 或 https:// 开头：${p.value}`,
  'not-editable': (p) => `${field(p.field)}不可编辑。`,
}

type BackupFailed = ProblemParams['backup-failed']
const BACKUP: { [R in BackupFailed['reason']]: (p: BackupFailed) => string } = {
  exists: (p) => `${p.file} 已存在。`,
  'is-archive': () => '备份不能覆盖文库本身。',
  integrity: () => '备份副本未通过完整性检查。',
  'texts-lost': () => '备份副本缺少文章正文。',
  'picture-missing': () => '图片库中缺少图片，请先检查文库。',
}

const GOT = { list: '列表', string: '文本', number: '数字', boolean: '布尔值' } as const

export const problemTextsZh: ProblemTexts = {
  'unknown-method': (p) => `未知的调用 ${p.method}`,
  'bad-arguments': (p) => argRule(p),
  'bad-request': () => '请求不是有效的 JSON。',
  'request-too-large': (p) => `请求超过 ${sizeZh(p.limit)}。`,
  forbidden: () => '你无权在此执行这项操作。',
  unauthenticated: () => '请先登录再使用这个文库。',
  'sign-in-failed': () => '用户名或密码不正确。',
  'too-many-attempts': (p) => `登录失败次数过多，请 ${p.seconds} 秒后再试。`,
  'user-exists': (p) => `已有名为 ${p.name} 的账户。`,
  'no-such-user': (p) => `没有名为 ${p.name} 的账户。`,
  'bad-user-name': (p) =>
    `“${p.name}”不能作为账户名：请使用字母、数字、点、短横线或下划线（最多 64 个），并以字母或数字开头。`,
  'weak-password': (p) => `密码需要 ${p.min} 到 ${p.max} 个字符。`,
  'last-admin': () => '这是最后一个管理员账户，请先设置另一位管理员。',
  unreachable: () => '无法连接到文库。',
  'server-status': (p) => `服务器返回了 HTTP ${p.status}。`,
  'not-found': (p) => `没有编号为 ${p.id} 的文章`,
  'not-a-folder': (p) => `${p.missing ? '没有这个文件夹' : '不是文件夹'}：${p.folder}`,
  'no-folders': () => '请至少选择一个文件夹。',
  'unknown-collection': (p) => `没有名为“${p.name}”的合集。`,
  'unknown-saved-search': (p) => `没有名为“${p.name}”的已存搜索。`,
  'name-taken': (p) => `已有名为“${p.name}”的${KIND[p.kind]}。`,
  'empty-name': (p) => `${KIND[p.kind]}需要一个名称。`,
  'not-in-collection': (p) => `文章 ${p.id} 不在合集“${p.name}”中。`,
  'read-only': (p) => `此文库以只读方式打开，这里不能${READ_ONLY[p.action]}。`,
  'same-article': (p) => `文章 ${p.id} 不能与自己合并，请选择两篇文章。`,
  busy: (p) =>
    ({
      import: '已有一个导入正在进行。',
      images: '正在下载图片，请等待完成或先取消。',
      export: '已有一个导出正在进行。',
    })[p.job],
  'export-exists': (p) => `${p.out} 已存在；请为导出换一个新的文件夹名。`,
  'nothing-to-export': () => '没有匹配的文章，无可导出。',
  'pdf-needs-chromium': (p) =>
    `导出 PDF 需要 Chromium 或 Google Chrome：请先安装（Debian/Ubuntu：${p.install}），或用 ${p.variable} 指定其路径。`,
  'archive-missing': (p) => `${p.file} 处没有文库`,
  'archive-unreadable': (p) => `无法读取文库 ${p.file}`,
  'archive-needs-upgrade': (p) => `文库 ${p.file} 需要升级，请先以非只读方式打开一次。`,
  'archive-too-new': (p) =>
    `文库 ${p.file} 由更新版本的 Lectern 写入（结构版本 ${p.version}，本版本支持到 ${p.known}）。请更新 Lectern 后再打开。`,
  'invalid-value': (p) => INVALID[p.rule](p),
  'no-such-revision': (p) => `文章 ${p.id} 只有第 1 到第 ${p.count} 个版本。`,
  'no-labels': () => '请写明要合并的标签和保留的标签。',
  'backup-failed': (p) => BACKUP[p.reason](p),
  'unsearchable-query': () => '没有可搜索的内容：查询中没有文字或数字。',
  'quote-empty': () => '引文为空。',
  'quote-not-found': (p) =>
    p.asked === undefined
      ? '文章中没有这段引文。'
      : `这段引文在文中出现 ${p.occurrences} 次，没有第 ${p.asked} 处。`,
  'quote-ambiguous': (p) =>
    `这段引文在文中出现 ${p.occurrences} 次，请指明是第几处（1–${p.occurrences}）。`,
  'highlight-not-found': (p) => `没有编号为 ${p.id} 的标注`,
  'no-articles': () => '请至少指定一篇文章。',
  'export-source': () => '请用文章编号或搜索指定文章，二者选一。',
  'too-many-to-cite': (p) =>
    `${p.count} 篇文章超出一份参考文献列表的上限（${p.max} 篇），请改为导出 CSL-JSON、RIS 或 BibTeX。`,
  internal: () => 'Lectern 内部出错，详情见日志。',

  'invalid-utf8': () => '无效的 UTF-8 字节已替换为 �',
  'decoded-from': (p) => `已按 ${p.encoding} 解码`,
  'front-matter-unclosed': () => '前言缺少结束标记，已作为正文导入',
  'front-matter-invalid': (p) =>
    `前言不是有效的 ${p.format.toUpperCase()}${p.line ? `（第 ${p.line} 行）` : ''}，已作为正文导入`,
  'front-matter-not-map': (p) => `前言应为“键: 值”对，实际是${GOT[p.got]}，已作为正文导入`,
  'unknown-date': () => '日期未知',
  'date-not-understood': (p) =>
    `无法识别日期“${p.value}”${p.fromPath ? `，已使用文件路径中的 ${p.fromPath}` : ''}`,
  'image-refused': (p) => `未保存图片 ${p.src}（${refusal(p.why)}）`,
  'image-failed': (p, d) => `图片 ${p.src}：${d(p.why)}`,

  'not-markdown': () => '不是 Markdown 文件',
  'empty-file': () => '空文件',
  'binary-file': () => '二进制文件',
  'hidden-folder': () => '隐藏文件夹',
  'not-regular-file': () => '不是普通文件',
  'folder-seen': () => '文件夹已扫描过（链接循环）',
  'permission-denied': () => '没有权限',
  vanished: () => '导入过程中文件消失了',
  'broken-link': () => '链接已失效',
  'link-loop': () => '链接循环',
  'read-error': (p) => `无法读取${code(p.detail)}`,
  'parse-error': () => '无法解析',
  'in-trash': () => '在废纸篓中',
  discarded: () => '已从文库中永久删除（废纸篓已清空）',

  'redirect-without-location': (p) => `HTTP ${p.status} 重定向缺少目标地址`,
  'redirect-invalid': () => '重定向到无效地址',
  'redirect-scheme': (p) => `重定向到 ${p.scheme} 地址`,
  'redirect-loop': () => '重定向循环',
  'too-many-redirects': (p) => `重定向过多（超过 ${p.max} 次）`,
  'http-error': (p) => `服务器返回 HTTP ${p.status}`,
  'too-large': (p) =>
    p.size === undefined
      ? `文件过大（超过 ${sizeZh(p.limit)}）`
      : `文件过大（${sizeZh(p.size)}，上限 ${sizeZh(p.limit)}）`,
  'empty-answer': () => '服务器返回了空内容',
  'not-an-image': (p) => `不是图片${p.servedAs ? `（类型为 ${p.servedAs}）` : ''}`,
  'no-answer': (p) => `${secondsZh(p.ms)}内无响应`,
  'timed-out': (p) => `${secondsZh(p.ms)}后超时`,
  'host-not-found': () => '找不到主机',
  'tls-failed': (p) => `安全连接失败${code(p.detail)}`,
  'connect-timeout': () => '连接超时',
  'network-error': (p) => `网络错误${code(p.detail)}`,
  'private-address': (p) => `私有地址${p.address ? `（${p.address}）` : ''}`,
  'store-failed': () => '无法保存到文库',
  'file-missing': () => '找不到文件',
  'not-a-file': () => '不是文件',
  'copy-failed': (p) => `无法复制${code(p.detail)}`,
  'earlier-failure': () => '上次下载失败（旧版本记录的原因）',
}
