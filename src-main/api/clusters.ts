import type { Archive } from '../db/open'
import { getArticle } from '../db/articles'
import {
  clusterOf,
  clusterRows,
  joinArticles,
  rebuildClusters,
  splitArticle,
  versionRows,
} from '../db/story-clusters'
import { diffTexts } from '../clusters/diff'
import { withoutSourceLine } from '../text/source-line'
import { plainText } from '../text/plain'
import type { ArticleDiff, ArticleVersions, RebuildReport, StoryCluster } from '../shared/clusters'
import { LecternError } from '../shared/errors'

// The story-cluster half of the service: argument shapes are checked by the dispatcher, the
// facts (does the article exist, is it the same one twice) here.

function mustExist(db: Archive, id: number): void {
  if (!getArticle(db, id)) throw new LecternError('not-found', { id })
}

export function listClusters(db: Archive, minSize = 2): { clusters: StoryCluster[] } {
  return { clusters: clusterRows(db, minSize) }
}

export function versionsOf(db: Archive, articleId: number): ArticleVersions {
  mustExist(db, articleId)
  // every article is placed at import (and by migration 0006); one without a row is alone
  const row = clusterOf(db, articleId) ?? { id: articleId, articles: [articleId], first: articleId }
  return {
    articleId,
    cluster: row.id,
    versions: versionRows(db, row.articles).map((v) => ({ ...v, first: v.id === row.first })),
  }
}

export function rebuild(db: Archive): RebuildReport {
  return db.transaction(() => rebuildClusters(db))()
}

export function split(db: Archive, articleId: number): ArticleVersions {
  mustExist(db, articleId)
  db.transaction(() => splitArticle(db, articleId, new Date().toISOString()))()
  return versionsOf(db, articleId)
}

export function join(db: Archive, articleId: number, otherId: number): ArticleVersions {
  if (articleId === otherId) {
    throw new LecternError('same-article', { id: articleId })
  }
  mustExist(db, articleId)
  mustExist(db, otherId)
  db.transaction(() => joinArticles(db, articleId, otherId, new Date().toISOString()))()
  return versionsOf(db, articleId)
}

/** What `to` says differently from `from`, in the words the reader sees. */
export function diffArticles(db: Archive, from: number, to: number): ArticleDiff {
  const text = (id: number) => {
    const a = getArticle(db, id)
    if (!a) throw new LecternError('not-found', { id })
    return plainText(withoutSourceLine(a.markdown))
  }
  const { parts, tooDifferent } = diffTexts(text(from), text(to))
  return { from, to, parts, tooDifferent }
}
