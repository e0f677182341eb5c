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
 */
#include <string.h>
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT3

/* The built-in porter, found before this one was registered over it. */
typedef struct Builtin {
  fts5_tokenizer x;
  void *pUser;
} Builtin;

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
    text[n++] = (unsigned char)(0xE0 | (cp >> 12));
    text[n++] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    text[n++] = (unsigned char)(0x80 | (cp & 0x3F));
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

/* The built-in tokenizer's tokens for a part of the text, placed where the part is. */
typedef struct Shift {
  void *pCtx;
  int (*xToken)(void *, int, const char *, int, int, int);
  int by;
} Shift;

static int shiftCb(void *pCtx, int tflags, const char *pToken, int nToken, int iStart, int iEnd) {
  Shift *s = (Shift *)pCtx;
  return s->xToken(s->pCtx, tflags, pToken, nToken, iStart + s->by, iEnd + s->by);
}

static int tokensTokenize(Fts5Tokenizer *p, void *pCtx, int flags, const char *pText, int nText,
                          int (*xToken)(void *, int, const char *, int, int, int)) {
  Tokens *t = (Tokens *)p;
  const unsigned char *s = (const unsigned char *)pText;
  Shift shift = {pCtx, xToken, 0};
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
        shift.by = from;
        rc = t->builtin->x.xTokenize(t->real, &shift, flags, pText + from, i - from, shiftCb);
        words = 0;
      }
      if (rc == SQLITE_OK) rc = xToken(pCtx, 0, pText + i, 3, i, i + 3);
      i += 2;
      from = i + 1;
      continue;
    }
    words = 1;
  }
  if (rc == SQLITE_OK && words) {
    shift.by = from;
    rc = t->builtin->x.xTokenize(t->real, &shift, flags, pText + from, nText - from, shiftCb);
  }
  return rc;
}

/* Registers the tokenizer as "porter" over FTS5's own, which it uses for all but lone
 * characters. */
int lecternTokensInit(fts5_api *fts5) {
  static fts5_tokenizer methods = {tokensCreate, tokensDelete, tokensTokenize};
  Builtin *b = (Builtin *)sqlite3_malloc(sizeof(Builtin));
  int rc;
  if (b == 0) return SQLITE_NOMEM;
  rc = fts5->xFindTokenizer(fts5, "porter", &b->pUser, &b->x);
  /* (registered, it is freed with the connection's FTS5; not registered, here) */
  if (rc == SQLITE_OK) rc = fts5->xCreateTokenizer(fts5, "porter", b, &methods, sqlite3_free);
  if (rc != SQLITE_OK) sqlite3_free(b);
  return rc;
}
