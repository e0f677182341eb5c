// Story clusters in the contract: one story, many copies (reprints, edits, Traditional versions).

export interface StoryCluster {
  /** The smallest article id in the cluster (stable across rebuilds). */
  id: number
  /** Article ids, in import order. */
  articles: number[]
  /** The first version: the earliest by date, or without dates the earliest imported. */
  first: number
}

export interface StoryVersion {
  id: number
  title: string
  date: string | null
  /** The outlet (source name) the version came from. */
  sourceName: string | null
  first: boolean
}

export interface ArticleVersions {
  articleId: number
  cluster: number
  /** Every version, the article itself included, oldest first. */
  versions: StoryVersion[]
}

export interface RebuildReport {
  articles: number
  clusters: number
}

/** One stretch of a diff: in both, only in `from` (removed) or only in `to` (added). */
export interface DiffPart {
  op: 'same' | 'removed' | 'added'
  text: string
}

export interface ArticleDiff {
  from: number
  to: number
  parts: DiffPart[]
  /** True when the texts differ too much to align: then `parts` is all of one, all of the other. */
  tooDifferent: boolean
}
