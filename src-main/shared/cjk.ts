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
