/*
 * A faster "porter" tokenizer for the index: the same tokens, without the work for a character
 * that stands alone.
 *
 * Lectern writes its index text with a space around every CJK character
 * (src-main/text/normalize.ts), so each is a token of its own, and most of a Chinese article's
 * tokens are such characters. FTS5's `porter unicode61` still decodes each, looks up its Unicode
 * category, folds it and runs Porter's English suffix rules over its three bytes, none of which
 * can change it: a third of the index's cost on the import bench (its 20,000 articles' index
 * text took 3.45 s to index with that tokenizer, 2.25 s with FTS5's `ascii`, which does none of
 * it, and 1.9-2.3 s with this one). This tokenizer takes such a character as it is and hands the
 * rest of the text, unchanged, to FTS5's own porter.
 *
 * Which characters: before its first document, the built-in tokenizer (made with the table's
 * own arguments) is asked about every three-byte UTF-8 character, each alone between spaces;
 * those it gives back as one token of the same bytes are taken as they are (a character it
 * folds, splits or drops is left to it). Tokens never span a space in unicode61, and porter looks
 * at one token at a time, so a text's tokens are those of its parts between such characters, in
 * order: the index is the one FTS5's porter makes, token for token (src-main/db/tokens.test.ts:
 * every character, mixed text, broken UTF-8). Only documents being indexed take this path; a
 * query's text goes to the built-in tokenizer whole.
 *
 * It is registered under the name "porter", over the built-in one, on connections that load
 * Lectern's extension: the table's definition names no tokenizer of Lectern's own, so an archive
 * opened without the extension (no C compiler where it was installed) still reads and writes
 * the same index. FTS5 offers no hook between unicode61 and porter, hence this file.
 *
 * Common pairs. A search for a common two-character word (市场) is a phrase of two of the most
 * common characters: FTS5 reads both characters' position lists whole and walks them side by
 * side, ten times the time of one token's list (27.6 against 3.1 ms at 100,000 articles). This
 * is the "common grams" of other search engines (Lucene's CommonGramsFilter): for the few hundred
 * most common pairs (src-main/text/common-pairs.ts, handed over by lectern_index_pairs()), where
 * two one-character tokens make such a pair at adjacent positions (whatever is between them that
 * gives no token: exactly where the phrase "市 场" matches), the pair is a second token at the
 * second one's position (FTS5_TOKEN_COLOCATED: the positions and the column's size, and with
 * them ranking, are unchanged), so 市场 is one token's list. Its bytes are the pair the other way
 * round (场市): a token for a prefix query `场*` to find only where 场 itself is, as before; no
 * text Lectern indexes holds two Han characters in one token (each is spaced), and a query's
 * `"场市"` is one token of the same bytes for FTS5's own tokenizer. An archive records whether
 * every row has them (db/common-pairs.ts): only then does a search use them.
 */
#include <string.h>
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT3

/* Common pairs (see "Common pairs" below): an open-addressed table of (first << 16 | second)
 * code points, 0 for an empty slot, and a bitset of the characters that end a pair. */
#define PAIR_SLOTS 4096
#define PAIRS_MAX 1024

/* The built-in porter, found before this one was registered over it, and the connection's
 * common pairs (none until lectern_index_pairs() is called). */
typedef struct Builtin {
  fts5_tokenizer x;
  void *pUser;
  int nPairs;
  unsigned pairs[PAIR_SLOTS];
  unsigned char seconds[65536 / 8];
} Builtin;

#define PAIR_SLOT(key) (((key) * 2654435761u) >> 20) /* 12 bits: PAIR_SLOTS */

static int isPair(const Builtin *b, unsigned first, unsigned second) {
  unsigned key = first << 16 | second;
  if (!(b->seconds[second >> 3] & (1 << (second & 7)))) return 0;
  for (unsigned i = PAIR_SLOT(key);; i = (i + 1) & (PAIR_SLOTS - 1)) {
    if (b->pairs[i] == key) return 1;
    if (b->pairs[i] == 0) return 0;
  }
}

typedef struct Tokens {
  Builtin *builtin;
  Fts5Tokenizer *real; /* the built-in porter with the table's arguments */
  int probed;           /* whether `alone` is known yet (on the first document) */
  unsigned char alone[65536 / 8]; /* by code point: given back as itself when alone */
} Tokens;

#define IS_ALONE(t, cp) ((t)->alone[(cp) >> 3] & (1 << ((cp) & 7)))

typedef struct Probe {
  const unsigned char *text;
  unsigned char *seen; /* by code point: 1 a token of the same bytes, 2 anything else */
} Probe;

static unsigned decode3(const unsigned char *s) {
  return ((unsigned)(s[0] & 0x0F) << 12) | ((unsigned)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
}

/* A character below U+10000 as its three bytes of UTF-8 (decode3's inverse). */
static void encode3(unsigned cp, unsigned char *s) {
  s[0] = (unsigned char)(0xE0 | (cp >> 12));
  s[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
  s[2] = (unsigned char)(0x80 | (cp & 0x3F));
}

static int probeCb(void *pCtx, int tflags, const char *pToken, int nToken, int iStart, int iEnd) {
  Probe *p = (Probe *)pCtx;
  unsigned cp = decode3(p->text + iStart);
  int same = tflags == 0 && nToken == 3 && iEnd - iStart == 3 &&
             memcmp(pToken, p->text + iStart, 3) == 0;
  /* a second token for the same character (a synonym, a split) is "anything else" too */
  p->seen[cp] = (p->seen[cp] == 0 && same) ? 1 : 2;
  return SQLITE_OK;
}

/* Asks the built-in tokenizer about every three-byte character, each followed by a space. */
static int probe(Tokens *t) {
  int n = 0, rc;
  unsigned char *text = (unsigned char *)sqlite3_malloc(65536 * 4);
  unsigned char *seen = (unsigned char *)sqlite3_malloc(65536);
  if (text == 0 || seen == 0) {
    sqlite3_free(text);
    sqlite3_free(seen);
    return SQLITE_NOMEM;
  }
  memset(seen, 0, 65536);
  for (unsigned cp = 0x800; cp <= 0xFFFF; cp++) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    encode3(cp, text + n);
    n += 3;
    text[n++] = ' ';
  }
  Probe p = {text, seen};
  rc = t->builtin->x.xTokenize(t->real, &p, FTS5_TOKENIZE_DOCUMENT, (const char *)text, n,
                               probeCb);
  memset(t->alone, 0, sizeof(t->alone));
  for (unsigned cp = 0; rc == SQLITE_OK && cp <= 0xFFFF; cp++)
    if (seen[cp] == 1) t->alone[cp >> 3] |= (unsigned char)(1 << (cp & 7));
  sqlite3_free(text);
  sqlite3_free(seen);
  return rc;
}

static int tokensCreate(void *pUser, const char **azArg, int nArg, Fts5Tokenizer **ppOut) {
  Builtin *b = (Builtin *)pUser;
  Tokens *t = (Tokens *)sqlite3_malloc(sizeof(Tokens));
  int rc;
  *ppOut = 0;
  if (t == 0) return SQLITE_NOMEM;
  t->builtin = b;
  t->real = 0;
  t->probed = 0;
  rc = b->x.xCreate(b->pUser, azArg, nArg, &t->real);
  if (rc != SQLITE_OK) {
    sqlite3_free(t);
    return rc;
  }
  *ppOut = (Fts5Tokenizer *)t;
  return SQLITE_OK;
}

static void tokensDelete(Fts5Tokenizer *p) {
  Tokens *t = (Tokens *)p;
  t->builtin->x.xDelete(t->real);
  sqlite3_free(t);
}

/* Where every token goes: on to FTS5, each part's tokens placed where the part is, and after a
 * token that makes a common pair with the one before it (both one three-byte character, at
 * adjacent positions), the pair's token. */
typedef struct Emit {
  void *pCtx;
  int (*xToken)(void *, int, const char *, int, int, int);
  const Builtin *builtin;
  int by;         /* where the part being tokenized starts in the text */
  unsigned last;  /* the last token's character when it is one three-byte character; else 0 */
  int lastStart;
} Emit;

static int emit(Emit *e, int tflags, const char *pToken, int nToken, int iStart, int iEnd) {
  const unsigned char *u = (const unsigned char *)pToken;
  unsigned cp;
  int rc = e->xToken(e->pCtx, tflags, pToken, nToken, iStart, iEnd);
  if (rc != SQLITE_OK || (tflags & FTS5_TOKEN_COLOCATED)) return rc;
  cp = nToken == 3 && (u[0] & 0xF0) == 0xE0 ? decode3(u) : 0;
  if (cp != 0 && e->last != 0 && e->builtin->nPairs > 0 && isPair(e->builtin, e->last, cp)) {
    /* its bytes the other way round, where this character is (see "Common pairs") */
    unsigned char pair[6];
    memcpy(pair, u, 3);
    encode3(e->last, pair + 3);
    rc = e->xToken(e->pCtx, FTS5_TOKEN_COLOCATED, (const char *)pair, 6, e->lastStart, iEnd);
  }
  e->last = cp;
  e->lastStart = iStart;
  return rc;
}

static int partCb(void *pCtx, int tflags, const char *pToken, int nToken, int iStart, int iEnd) {
  Emit *e = (Emit *)pCtx;
  return emit(e, tflags, pToken, nToken, iStart + e->by, iEnd + e->by);
}

static int tokensTokenize(Fts5Tokenizer *p, void *pCtx, int flags, const char *pText, int nText,
                          int (*xToken)(void *, int, const char *, int, int, int)) {
  Tokens *t = (Tokens *)p;
  const unsigned char *s = (const unsigned char *)pText;
  Emit e = {pCtx, xToken, t->builtin, 0, 0, 0};
  int rc = SQLITE_OK;
  int from = 0;   /* where the text not yet tokenized starts */
  int words = 0;  /* whether it holds more than spaces */
  if (flags != FTS5_TOKENIZE_DOCUMENT)
    return t->builtin->x.xTokenize(t->real, pCtx, flags, pText, nText, xToken);
  /* (4 ms, once per table and connection: not on a connection that only searches) */
  if (!t->probed) {
    rc = probe(t);
    if (rc != SQLITE_OK) return rc;
    t->probed = 1;
  }
  for (int i = 0; rc == SQLITE_OK && i < nText; i++) {
    if (s[i] == ' ') continue;
    /* a three-byte character between spaces (or the text's ends), taken as it is if the
     * built-in tokenizer gives it back as itself */
    if ((s[i] & 0xF0) == 0xE0 && i + 3 <= nText && (i == 0 || s[i - 1] == ' ') &&
        (i + 3 == nText || s[i + 3] == ' ') && (s[i + 1] & 0xC0) == 0x80 &&
        (s[i + 2] & 0xC0) == 0x80 && IS_ALONE(t, decode3(s + i))) {
      if (words) {
        e.by = from;
        rc = t->builtin->x.xTokenize(t->real, &e, flags, pText + from, i - from, partCb);
        words = 0;
      }
      if (rc == SQLITE_OK) rc = emit(&e, 0, pText + i, 3, i, i + 3);
      i += 2;
      from = i + 1;
      continue;
    }
    words = 1;
  }
  if (rc == SQLITE_OK && words) {
    e.by = from;
    rc = t->builtin->x.xTokenize(t->real, &e, flags, pText + from, nText - from, partCb);
  }
  return rc;
}

/* lectern_index_pairs(text): the connection's common pairs, as a text of two-character pairs
 * one after the other, each character a three-byte one; gives how many it took (every pair, or
 * an error). Called once, before the connection's first document. */
static void pairsFunction(sqlite3_context *pCtx, int nArg, sqlite3_value **apArg) {
  Builtin *b = (Builtin *)sqlite3_user_data(pCtx);
  const unsigned char *s = sqlite3_value_text(apArg[0]);
  int n = sqlite3_value_bytes(apArg[0]);
  (void)nArg;
  if (s == 0 || n % 6 != 0 || n / 6 > PAIRS_MAX) {
    sqlite3_result_error(pCtx, "lectern_index_pairs: pairs of three-byte characters", -1);
    return;
  }
  for (int i = 0; i < n; i++)
    if ((i % 3 == 0) != ((s[i] & 0xF0) == 0xE0) || (i % 3 != 0 && (s[i] & 0xC0) != 0x80)) {
      sqlite3_result_error(pCtx, "lectern_index_pairs: pairs of three-byte characters", -1);
      return;
    }
  memset(b->pairs, 0, sizeof(b->pairs));
  memset(b->seconds, 0, sizeof(b->seconds));
  b->nPairs = 0;
  for (int i = 0; i < n; i += 6) {
    unsigned first = decode3(s + i), second = decode3(s + i + 3), key = first << 16 | second;
    unsigned slot = PAIR_SLOT(key);
    while (b->pairs[slot] != 0 && b->pairs[slot] != key) slot = (slot + 1) & (PAIR_SLOTS - 1);
    if (b->pairs[slot] == 0) b->nPairs++;
    b->pairs[slot] = key;
    b->seconds[second >> 3] |= (unsigned char)(1 << (second & 7));
  }
  sqlite3_result_int(pCtx, b->nPairs);
}

/* Registers the tokenizer as "porter" over FTS5's own, which it uses for all but lone
 * characters, and lectern_index_pairs() to give it the common pairs. */
int lecternTokensInit(sqlite3 *db, fts5_api *fts5) {
  static fts5_tokenizer methods = {tokensCreate, tokensDelete, tokensTokenize};
  Builtin *b = (Builtin *)sqlite3_malloc(sizeof(Builtin));
  int rc;
  if (b == 0) return SQLITE_NOMEM;
  memset(b, 0, sizeof(Builtin));
  rc = fts5->xFindTokenizer(fts5, "porter", &b->pUser, &b->x);
  /* (registered, it is freed with the connection's FTS5; not registered, here) */
  if (rc == SQLITE_OK) rc = fts5->xCreateTokenizer(fts5, "porter", b, &methods, sqlite3_free);
  if (rc != SQLITE_OK) {
    sqlite3_free(b);
    return rc;
  }
  return sqlite3_create_function(db, "lectern_index_pairs", 1, SQLITE_UTF8, b, pairsFunction, 0,
                                 0);
}
