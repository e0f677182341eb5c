import { Marked } from 'marked'
const md = new Marked({ gfm: true, breaks: false, async: false })
const s = process.argv[2]!.replace(/\\n/g, '\n')
console.log(JSON.stringify(md.lexer(s), (k, v) => (k === 'raw' ? undefined : v), 1))
