/** Han ideographs (all extensions), kana, Hangul syllables: each becomes its own search token. */
export function isCjk(cp: number): boolean {
  if (cp < 0x3005) return false
  if (cp <= 0xffff) {
    return (
      (cp >= 0x4e00 && cp <= 0x9fff) ||
      (cp >= 0x3400 && cp <= 0x4dbf) ||
      (cp >= 0xac00 && cp <= 0xd7af) ||
      // U+3099–U+309C are the (combining and spacing) voicing marks, not letters
      (cp >= 0x3041 && cp <= 0x3096) ||
      (cp >= 0x309d && cp <= 0x309f) ||
      // ゠ U+30A0 and ・ U+30FB are punctuation that happens to sit in the Katakana block
      (cp >= 0x30a1 && cp <= 0x30ff && cp !== 0x30fb) ||
      (cp >= 0x31f0 && cp <= 0x31ff) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0x3005 && cp <= 0x3007) ||
      (cp >= 0x3021 && cp <= 0x3029)
    )
  }
  return (
    (cp >= 0x20000 && cp <= 0x323af) || // extensions B–I, compatibility supplement
    (cp >= 0x1b000 && cp <= 0x1b16f) // kana supplement / extended
  )
}

let tokenChar: Uint8Array | null = null
let phraseBreak: Uint8Array | null = null
const TOKEN_CHAR = /[\p{L}\p{N}\p{Co}]/u
// Punctuation ends a phrase, except what joins the parts of one name or word: middle dots
// (埃隆·马斯克), hyphens (COVID-19), apostrophes and underscores.
const JOINING = /[\u00b7\u2027\u30fb\uff65'\-\u2010\u2011_]/
const PUNCTUATION = /\p{P}/u

/** A character unicode61 makes (part of) a token: letters, digits, private use. */
export function isTokenChar(cp: number): boolean {
  if (cp > 0xffff) return TOKEN_CHAR.test(String.fromCodePoint(cp))
  if (tokenChar === null) {
    tokenChar = new Uint8Array(0x10000)
    for (let u = 0; u < 0x10000; u++) {
      if (TOKEN_CHAR.test(String.fromCharCode(u))) tokenChar[u] = 1
    }
  }
  return tokenChar[cp] === 1
}

/**
 * Sentence punctuation (，。！？、；：quotes, brackets…) or a paragraph break ('\n'), in folded
 * text (a BMP code unit). Between two tokens one of which is CJK it ends a phrase: `时公` does
 * not match `时，公`. Between Latin words it does not (`Mr. Smith`, `U.S.` read as they always
 * did). The index (text/normalize.ts, toIndexText) and the matcher that marks (match.ts) both
 * ask here.
 */
export function isPhraseBreak(unit: number): boolean {
  if (phraseBreak === null) {
    phraseBreak = new Uint8Array(0x10000)
    for (let u = 0; u < 0x10000; u++) {
      const c = String.fromCharCode(u)
      if (PUNCTUATION.test(c) && !JOINING.test(c)) phraseBreak[u] = 1
    }
    phraseBreak[10] = 1 // a paragraph break: plainText separates blocks with '\n' and only so
  }
  return phraseBreak[unit] === 1
}
