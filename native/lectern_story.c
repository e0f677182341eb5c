/*
 * A story fingerprint in C: the tokens, shingles, MinHash signatures, window band keys and
 * distinct-shingle count of src-main/db/story-store.ts `fingerprint`, value for value.
 *
 * Placing articles in story clusters made an import of 20,000 generated articles a quarter slower
 * (2.4 s more processor time), two thirds of it making these fingerprints in the parse workers:
 * about 50 µs an article in TypeScript alone, 77 with the other thread busy beside it. They are
 * loops of 32-bit multiplies and table lookups over typed arrays, which this C runs in 27 µs
 * (31 through SQLite's call). No library makes this fingerprint: its values are Lectern's own,
 * stored in every archive, so the TypeScript stays their definition and the fallback (no C
 * compiler), and src-main/db/native-story.test.ts holds the two to the same bits on text of
 * every kind.
 *
 *   lectern_story_kinds(blob)  this connection's table of what each UTF-16 unit is to the
 *                              tokenizer (65,536 bytes, made by shingles.ts `kinds`: Unicode
 *                              classes C has no tables for); once, before lectern_story
 *   lectern_story(units, kCjk, kWords, width, window, bands, rows)
 *                              the fingerprint of the text whose UTF-16 units are `units`:
 *                              int32 n, windows, keys, distinct, then the arrays in
 *                              story-store.ts's layout (hashes, keys, sig, window sigs)
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT3

/* what a unit is (shingles.ts): part of a word, a CJK character, a high surrogate, or neither */
enum { NONE = 0, WORD = 1, CJK = 2, HIGH = 3 };

typedef struct Story {
  int ready;
  uint8_t kind[65536];
  uint32_t bmpHash[65536];
  uint32_t *tokens; /* scratch, grown as needed */
  size_t nTokens;
  uint32_t *slots; /* distinct's and windowKeys' open-addressing sets */
  uint8_t *seen;
  size_t nSlots;
} Story;

static uint32_t mix32(uint32_t h) {
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  h *= 0xc2b2ae35u;
  h ^= h >> 16;
  return h;
}

/* shared/cjk.ts isCjk, for code points outside the BMP (the BMP's come in `kind`) */
static int astralCjk(uint32_t cp) {
  return (cp >= 0x20000 && cp <= 0x323af) || (cp >= 0x1b000 && cp <= 0x1b16f);
}

#define FNV_PRIME 0x01000193u
#define FNV_BASIS 0x811c9dc5u
#define CJK_SEED 0x9e3779b9u
#define SEED_BIN 0x9e3779b9u
#define SEED_MIN 0x85ebca6bu

/* shingles.ts tokensInto: one hash per CJK character or run of word units */
static size_t tokens(const Story *s, const uint16_t *unit, size_t len, uint32_t *out,
                     size_t *cjk) {
  size_t n = 0, c = 0;
  uint32_t word = FNV_BASIS;
  int inWord = 0;
  for (size_t i = 0; i < len; i++) {
    uint32_t u = unit[i];
    int k = s->kind[u];
    uint32_t cp = u;
    if (k == HIGH) {
      uint32_t lo = i + 1 < len ? unit[i + 1] : 0;
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = ((u - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
        if (astralCjk(cp)) {
          k = CJK;
          i++;
        } else {
          word = (word ^ u) * FNV_PRIME;
          word = (word ^ lo) * FNV_PRIME;
          inWord = 1;
          i++;
          continue;
        }
      } else k = WORD;
    }
    if (k == CJK) {
      if (inWord) out[n++] = mix32(word);
      inWord = 0;
      word = FNV_BASIS;
      out[n++] = cp == u ? s->bmpHash[u] : mix32(cp + CJK_SEED);
      c++;
    } else if (k == WORD) {
      word = (word ^ u) * FNV_PRIME;
      inWord = 1;
    } else if (inWord) {
      out[n++] = mix32(word);
      inWord = 0;
      word = FNV_BASIS;
    }
  }
  if (inWord) out[n++] = mix32(word);
  *cjk = c;
  return n;
}

/* shingles.ts shingleHashes: a rolling hash of every k tokens, mixed */
static void shingles(const uint32_t *t, size_t len, size_t k, uint32_t *out) {
  uint32_t top = 1, h = 0;
  for (size_t j = 1; j < k; j++) top *= FNV_PRIME;
  for (size_t j = 0; j < k; j++) h = h * FNV_PRIME + t[j];
  out[0] = mix32(h);
  for (size_t i = 1; i + k <= len; i++) {
    h = (h - t[i - 1] * top) * FNV_PRIME + t[i + k - 1];
    out[i] = mix32(h);
  }
}

/* minhash.ts densify: an empty bin borrows the next filled one's minimum, re-mixed */
static void densify(const uint32_t *mins, const uint8_t *filled, int count, uint16_t *out) {
  for (int i = 0; i < count; i++) {
    int j = i;
    uint32_t hops = 0;
    while (!filled[j]) {
      j = j + 1 == count ? 0 : j + 1;
      hops++;
    }
    out[i] = (uint16_t)(mix32(mins[j] + hops * 0x27d4eb2fu) & 0xffff);
  }
}

/* minhash.ts bandKey */
static int32_t bandKey(const uint16_t *sig, int b, int rows) {
  uint32_t h = (uint32_t)(b + 1) * 0x27d4eb2fu;
  for (int r = 0; r < rows; r++) h = (h ^ sig[b * rows + r]) * FNV_PRIME;
  return (int32_t)mix32(h);
}

static int slotsFor(Story *s, size_t size) {
  if (s->nSlots >= size) return 1;
  uint32_t *slots = realloc(s->slots, size * sizeof *slots);
  if (!slots) return 0;
  s->slots = slots;
  uint8_t *seen = realloc(s->seen, size);
  if (!seen) return 0;
  s->seen = seen;
  s->nSlots = size;
  return 1;
}

static void kindsFn(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  Story *s = sqlite3_user_data(ctx);
  (void)argc;
  if (sqlite3_value_bytes(argv[0]) != 65536) {
    sqlite3_result_error(ctx, "lectern_story_kinds: a table of 65536 bytes", -1);
    return;
  }
  memcpy(s->kind, sqlite3_value_blob(argv[0]), 65536);
  for (uint32_t u = 0; u < 65536; u++) s->bmpHash[u] = s->kind[u] == CJK ? mix32(u + CJK_SEED) : 0;
  s->ready = 1;
  sqlite3_result_null(ctx);
}

typedef struct Params {
  int kCjk, kWords, width, window, bands, rows;
} Params;

/* The fingerprint of `len` UTF-16 units, in a buffer from malloc of *nBytes bytes (NULL: out of
 * memory): int32 shingles, windows, keys in use, distinct shingles; then story-store.ts's
 * arrays: hashes, window keys (room for windows × bands), signature, window signatures. */
static uint8_t *storyMake(Story *s, const uint16_t *unit, size_t len, const Params *p,
                          size_t *nBytes) {
  int width = p->width, window = p->window, bands = p->bands, rows = p->rows;
  if (len + 1 > s->nTokens) {
    uint32_t *t = realloc(s->tokens, (len + 1) * 2 * sizeof *t);
    if (!t) return NULL;
    s->tokens = t;
    s->nTokens = (len + 1) * 2;
  }
  size_t cjk;
  size_t nt = tokens(s, unit, len, s->tokens, &cjk);
  size_t k = nt == 0 ? 0 : (size_t)(cjk * 2 >= nt ? p->kCjk : p->kWords);
  if (k > nt) k = nt;
  size_t n = nt == 0 ? 0 : nt - k + 1;
  int windowed = n >= (size_t)window * 2;
  size_t w = windowed ? (n + window - 1) / window : 0;
  size_t keysRoom = w * bands, sigLen = n == 0 ? 0 : (size_t)width;
  size_t bytes = 16 + 4 * (n + keysRoom) + 2 * (sigLen + w * width);
  size_t size = 16;
  while (size < keysRoom * 2 || size < n * 2) size *= 2;
  uint8_t *out = malloc(bytes);
  uint32_t *allMins = malloc(width * 2 * sizeof(uint32_t));
  uint8_t *allFilled = malloc(width * 2);
  if (!out || !allMins || !allFilled || !slotsFor(s, size)) {
    free(out);
    free(allMins);
    free(allFilled);
    return NULL;
  }
  int32_t *head = (int32_t *)out;
  uint32_t *hashes = (uint32_t *)(out + 16);
  int32_t *keys = (int32_t *)(hashes + n);
  uint16_t *sig = (uint16_t *)(keys + keysRoom);
  uint16_t *sigs = sig + sigLen;
  if (n > 0) shingles(s->tokens, nt, k, hashes);

  /* minhash.ts signatures: the whole text's and each window's, every shingle hashed once */
  uint32_t *partMins = allMins + width;
  uint8_t *partFilled = allFilled + width;
  memset(allMins, 0xff, width * sizeof(uint32_t));
  memset(allFilled, 0, width);
  memset(partMins, 0xff, width * sizeof(uint32_t));
  memset(partFilled, 0, width);
  int bits = 0;
  while ((1 << bits) < width) bits++;
  int shift = (1 << bits) == width && bits >= 1 ? 32 - bits : 0;
  size_t step = windowed ? (size_t)window : n;
  for (size_t start = 0, at = 0; start < n; start += step, at += width) {
    size_t end = start + step < n ? start + step : n;
    for (size_t i = start; i < end; i++) {
      uint32_t x = hashes[i];
      uint32_t m = mix32(x ^ SEED_BIN);
      uint32_t bin = shift ? m >> shift : (uint32_t)(((uint64_t)m * width) >> 32);
      uint32_t h = mix32(x ^ SEED_MIN);
      if (h <= allMins[bin]) {
        allMins[bin] = h;
        allFilled[bin] = 1;
      }
      if (windowed && h <= partMins[bin]) {
        partMins[bin] = h;
        partFilled[bin] = 1;
      }
    }
    if (!windowed) continue;
    densify(partMins, partFilled, width, sigs + at);
    memset(partMins, 0xff, width * sizeof(uint32_t));
    memset(partFilled, 0, width);
  }
  if (n > 0) densify(allMins, allFilled, width, sig);
  free(allMins);
  free(allFilled);

  /* minhash.ts windowKeys: each window's band keys, every key once, in the order first met */
  size_t nKeys = 0;
  if (keysRoom > 0) {
    size_t ksize = 16;
    while (ksize < keysRoom * 2) ksize *= 2;
    uint32_t mask = (uint32_t)ksize - 1;
    memset(s->seen, 0, ksize);
    for (size_t at = 0; at < w * width; at += width) {
      for (int b = 0; b < bands; b++) {
        int32_t key = bandKey(sigs + at, b, rows);
        for (uint32_t i = (uint32_t)key & mask;; i = (i + 1) & mask) {
          if (!s->seen[i]) {
            s->seen[i] = 1;
            s->slots[i] = (uint32_t)key;
            keys[nKeys++] = key;
            break;
          }
          if (s->slots[i] == (uint32_t)key) break;
        }
      }
    }
  }
  /* shingles.ts distinct: how many distinct shingles (0 marks an empty slot: counted apart) */
  size_t dsize = 16;
  while (dsize < n * 2) dsize *= 2;
  uint32_t dmask = (uint32_t)dsize - 1;
  memset(s->slots, 0, dsize * sizeof(uint32_t));
  size_t distinct = 0;
  int zero = 0;
  for (size_t i = 0; i < n; i++) {
    uint32_t h = hashes[i];
    if (h == 0) {
      zero = 1;
      continue;
    }
    for (uint32_t at = h & dmask;; at = (at + 1) & dmask) {
      uint32_t v = s->slots[at];
      if (v == h) break;
      if (v == 0) {
        s->slots[at] = h;
        distinct++;
        break;
      }
    }
  }
  head[0] = (int32_t)n;
  head[1] = (int32_t)w;
  head[2] = (int32_t)nKeys;
  head[3] = (int32_t)(distinct + zero);
  *nBytes = bytes;
  return out;
}

static void storyFn(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  Story *s = sqlite3_user_data(ctx);
  (void)argc;
  if (!s->ready) {
    sqlite3_result_error(ctx, "lectern_story: lectern_story_kinds first", -1);
    return;
  }
  const uint16_t *unit = sqlite3_value_blob(argv[0]);
  size_t len = unit ? (size_t)sqlite3_value_bytes(argv[0]) / 2 : 0;
  Params p = {sqlite3_value_int(argv[1]), sqlite3_value_int(argv[2]), sqlite3_value_int(argv[3]),
              sqlite3_value_int(argv[4]), sqlite3_value_int(argv[5]), sqlite3_value_int(argv[6])};
  if (p.kCjk < 1 || p.kWords < 1 || p.width < 1 || p.width > 4096 || p.window < 1 ||
      p.bands < 0 || p.rows < 0 || p.bands * p.rows > p.width) {
    sqlite3_result_error(ctx, "lectern_story: bad parameters", -1);
    return;
  }
  size_t bytes;
  uint8_t *out = storyMake(s, unit, len, &p, &bytes);
  if (!out) sqlite3_result_error_nomem(ctx);
  else sqlite3_result_blob64(ctx, out, bytes, free);
}

static void storyFree(void *p) {
  Story *s = p;
  free(s->tokens);
  free(s->slots);
  free(s->seen);
  sqlite3_free(s);
}

int lecternStoryInit(sqlite3 *db) {
  Story *s = sqlite3_malloc(sizeof *s);
  if (!s) return SQLITE_NOMEM;
  memset(s, 0, sizeof *s);
  /* the state is freed with the first function (on close, or at once if it fails) */
  int rc = sqlite3_create_function_v2(db, "lectern_story_kinds", 1, SQLITE_UTF8, s, kindsFn,
                                      NULL, NULL, storyFree);
  if (rc != SQLITE_OK) return rc;
  return sqlite3_create_function_v2(db, "lectern_story", 7, SQLITE_UTF8, s, storyFn, NULL, NULL,
                                    NULL);
}
