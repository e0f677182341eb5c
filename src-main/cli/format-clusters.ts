import { plural } from './plural'
import type { ArticleVersions, StoryCluster } from '../shared/clusters'

/** `lectern clusters`: one line per story, its first version marked with `*`. */
export function formatClusters(clusters: StoryCluster[]): string {
  if (clusters.length === 0) return 'no stories with several versions'
  return clusters
    .map((c) => {
      const ids = c.articles.map((id) => (id === c.first ? `*${id}` : String(id)))
      return `story ${c.id}: ${c.articles.length} versions: ${ids.join(' ')}`
    })
    .join('\n')
}

/** `lectern clusters split|join`: the story the article is in now. */
export function formatVersions(v: ArticleVersions): string {
  const head = `article ${v.articleId} is in story ${v.cluster} (${plural(v.versions.length, 'version')})`
  const lines = v.versions.map(
    (x) =>
      `  ${x.first ? '*' : ' '}[${x.id}] ${x.date?.slice(0, 10) ?? 'undated'} ${x.sourceName ?? ''}  ${x.title}`,
  )
  return [head, ...lines].join('\n')
}
