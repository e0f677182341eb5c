/*
 * lectern_rank(): FTS5's bm25() without its first pass when the query is one phrase.
 *
 * bm25() starts every query by counting, for each phrase, the rows that contain it (the
 * phrase's IDF): a whole pass over the phrase's hits. For a common two-character Chinese word
 * that pass is as long as reading every matching id (22 ms of a 31 ms ranking at 100,000
 * articles), and Lectern reads those ids anyway, on another thread. With a single phrase the IDF
 * multiplies every row's score by the same positive number, so it cannot change the order:
 * lectern_rank() skips the pass then and is bm25() to the order otherwise (same k1, b, column
 * weights and average row length). No library offers this, and SQL cannot reach FTS5's
 * per-row phrase counts: it has to be an FTS5 auxiliary function, in C.
 *
 * The same file holds lectern_ids(), an aggregate that hands a search's ids to JavaScript as
 * binary (below), and registers the index's faster tokenizer (native/lectern_tokens.c).
 *
 * Used as lectern_rank(articles_fts, 10.0, 1.0), exactly as bm25(); Lectern falls back to
 * bm25() when this extension is not built (src-main/search/rank.ts). A last argument after the
 * column weights, lectern_rank(articles_fts, 10.0, 1.0, K), says that only the first K phrases can
 * be in a hit (a query `a NOT b`: b's phrases come after a's and are in no hit). Their count is
 * then skipped too: a phrase in no hit adds nothing to the score, whatever its IDF, and with
 * K = 1 the one phrase left scales every score alike (市场 -银行 no longer reads 市场's hits a
 * second time).
 */
#include <math.h>
#include <stdint.h>
#include <string.h>
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1

typedef struct RankData {
  int nPhrase;
  double avgdl;
  double *aIDF;
  double *aFreq;
} RankData;

static int countCb(const Fts5ExtensionApi *pApi, Fts5Context *pFts, void *pUser) {
  (void)pApi;
  (void)pFts;
  (*(sqlite3_int64 *)pUser)++;
  return SQLITE_OK;
}

/* `nFound`: how many of the query's phrases can be in a hit (the first ones: those after a NOT
 * never are), or 0 for all of them. */
static int rankData(const Fts5ExtensionApi *pApi, Fts5Context *pFts, int nFound, RankData **pp) {
  int rc = SQLITE_OK;
  RankData *p = (RankData *)pApi->xGetAuxdata(pFts, 0);
  if (p == 0) {
    int nPhrase = pApi->xPhraseCount(pFts);
    sqlite3_int64 nRow = 0, nToken = 0;
    p = (RankData *)sqlite3_malloc64(sizeof(RankData) + nPhrase * 2 * sizeof(double));
    if (p == 0) return SQLITE_NOMEM;
    memset(p, 0, sizeof(RankData) + nPhrase * 2 * sizeof(double));
    p->nPhrase = nPhrase;
    p->aIDF = (double *)&p[1];
    p->aFreq = &p->aIDF[nPhrase];
    rc = pApi->xRowCount(pFts, &nRow);
    if (rc == SQLITE_OK) rc = pApi->xColumnTotalSize(pFts, -1, &nToken);
    if (rc == SQLITE_OK) p->avgdl = nRow > 0 ? (double)nToken / (double)nRow : 1.0;
    if (nFound <= 0 || nFound > nPhrase) nFound = nPhrase;
    for (int i = 0; rc == SQLITE_OK && i < nPhrase; i++) {
      if (nFound == 1 || i >= nFound) {
        /* the one phrase a hit can have: its IDF scales every score alike; a phrase no hit has
         * (left out by NOT): it adds nothing whatever its IDF. Neither is counted. */
        p->aIDF[i] = 1.0;
        continue;
      }
      sqlite3_int64 nHit = 0;
      rc = pApi->xQueryPhrase(pFts, i, (void *)&nHit, countCb);
      if (rc == SQLITE_OK) {
        double idf = log((nRow - nHit + 0.5) / (nHit + 0.5));
        p->aIDF[i] = idf <= 0.0 ? 1e-6 : idf;
      }
    }
    if (rc != SQLITE_OK) {
      sqlite3_free(p);
      return rc;
    }
    rc = pApi->xSetAuxdata(pFts, p, sqlite3_free);
    if (rc != SQLITE_OK) return rc;
  }
  *pp = p;
  return rc;
}

static void rankFunction(const Fts5ExtensionApi *pApi, Fts5Context *pFts, sqlite3_context *pCtx,
                         int nVal, sqlite3_value **apVal) {
  const double k1 = 1.2, b = 0.75;
  RankData *p = 0;
  int nInst = 0, nTok = 0;
  double score = 0.0;
  /* the arguments: a weight per column, then (optional) how many phrases a hit can have */
  int nCol = pApi->xColumnCount(pFts);
  int nFound = nVal > nCol ? sqlite3_value_int(apVal[nCol]) : 0;
  int rc = rankData(pApi, pFts, nFound, &p);
  if (rc == SQLITE_OK) {
    memset(p->aFreq, 0, sizeof(double) * p->nPhrase);
    rc = pApi->xInstCount(pFts, &nInst);
  }
  for (int i = 0; rc == SQLITE_OK && i < nInst; i++) {
    int ip, ic, io;
    rc = pApi->xInst(pFts, i, &ip, &ic, &io);
    if (rc == SQLITE_OK) p->aFreq[ip] += nVal > ic ? sqlite3_value_double(apVal[ic]) : 1.0;
  }
  if (rc == SQLITE_OK) rc = pApi->xColumnSize(pFts, -1, &nTok);
  if (rc != SQLITE_OK) {
    sqlite3_result_error_code(pCtx, rc);
    return;
  }
  for (int i = 0; i < p->nPhrase; i++) {
    double f = p->aFreq[i];
    score += p->aIDF[i] * ((f * (k1 + 1.0)) / (f + k1 * (1 - b + b * (double)nTok / p->avgdl)));
  }
  sqlite3_result_double(pCtx, -1.0 * score);
}

/*
 * lectern_ids(id): an aggregate, the ids of its rows as one blob of 32-bit integers in the
 * machine's byte order, in the order the rows come. A search reads every matching id (for the
 * total and the facets); group_concat() wrote each as text and JavaScript parsed the text back:
 * for 市场's 695,192 ids at 1,000,000 articles 60 ms to write and 38 ms to parse, a quarter of
 * the read. SQLite has no aggregate that yields binary, so it is here (src-main/db/id-list.ts
 * falls back to group_concat() without this extension). Ids are below 2^31 (INTEGER PRIMARY KEYs
 * of articles); NULL for no rows.
 */
typedef struct Ids {
  int32_t *a;
  sqlite3_int64 n, cap;
  int failed;
} Ids;

static void idsStep(sqlite3_context *pCtx, int nVal, sqlite3_value **apVal) {
  Ids *p = (Ids *)sqlite3_aggregate_context(pCtx, sizeof(Ids));
  (void)nVal;
  if (p == 0 || p->failed) return;
  if (p->n == p->cap) {
    sqlite3_int64 cap = p->cap ? p->cap * 2 : 4096;
    int32_t *a = (int32_t *)sqlite3_realloc64(p->a, (sqlite3_uint64)cap * sizeof(int32_t));
    if (a == 0) {
      p->failed = 1;
      sqlite3_result_error_nomem(pCtx);
      return;
    }
    p->a = a;
    p->cap = cap;
  }
  p->a[p->n++] = (int32_t)sqlite3_value_int64(apVal[0]);
}

static void idsFinal(sqlite3_context *pCtx) {
  Ids *p = (Ids *)sqlite3_aggregate_context(pCtx, 0);
  if (p == 0 || p->n == 0 || p->failed) {
    if (p) sqlite3_free(p->a);
    if (p && p->failed) sqlite3_result_error_nomem(pCtx);
    else sqlite3_result_null(pCtx);
    return;
  }
  /* the array becomes the result: SQLite frees it */
  sqlite3_result_blob64(pCtx, p->a, (sqlite3_uint64)p->n * sizeof(int32_t), sqlite3_free);
}

/* native/lectern_tokens.c, native/lectern_story.c */
int lecternTokensInit(sqlite3 *db, fts5_api *fts5);
int lecternStoryInit(sqlite3 *db);

static fts5_api *fts5Api(sqlite3 *db) {
  fts5_api *pRet = 0;
  sqlite3_stmt *pStmt = 0;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &pStmt, 0) == SQLITE_OK) {
    sqlite3_bind_pointer(pStmt, 1, (void *)&pRet, "fts5_api_ptr", 0);
    sqlite3_step(pStmt);
  }
  sqlite3_finalize(pStmt);
  return pRet;
}

#ifdef _WIN32
__declspec(dllexport)
#endif
int sqlite3_extension_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi) {
  SQLITE_EXTENSION_INIT2(pApi)
  if (pzErrMsg != 0) *pzErrMsg = 0;
  fts5_api *fts5 = fts5Api(db);
  if (fts5 == 0 || fts5->iVersion < 2) return SQLITE_ERROR;
  int rc = fts5->xCreateFunction(fts5, "lectern_rank", 0, rankFunction, 0);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function(db, "lectern_ids", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, 0, 0,
                                 idsStep, idsFinal);
  if (rc == SQLITE_OK) rc = lecternTokensInit(db, fts5);
  if (rc == SQLITE_OK) rc = lecternStoryInit(db);
  return rc;
}
