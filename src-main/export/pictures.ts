import { readFile } from 'node:fs/promises'
import type { Archive } from '../db/open'
import { mediaDirOf, mediaFile } from '../images/store'
import { articleImages } from '../images/refs'
import { imageKey, parseMediaName, type MediaExt } from '../shared/images'
import type { Article } from '../shared/types'

/** One picture an article uses, and the archive's copy of it when there is one. */
export interface ArticlePicture {
  /** The address as the Markdown (or the thumbnail) writes it. */
  src: string
  thumbnail: boolean
  stored: { hash: string; ext: MediaExt; mime: string; file: string } | null
}

/** The article's pictures in order of appearance, each with the stored copy's file. */
export function picturesOf(db: Archive, a: Article): ArticlePicture[] {
  const dir = mediaDirOf(db)
  return articleImages(a).map(({ src, thumbnail }) => {
    const media = a.images?.[imageKey(src)]
    const name = media ? parseMediaName(media.replace(/^\/media\//, '')) : null
    return {
      src,
      thumbnail,
      stored: name ? { ...name, file: mediaFile(dir, name.hash, name.ext) } : null,
    }
  })
}

/** A stored picture as a data: URL (for the self-contained HTML file). */
export async function dataUrlOf(p: NonNullable<ArticlePicture['stored']>): Promise<string> {
  const bytes = await readFile(p.file)
  return `data:${p.mime};base64,${bytes.toString('base64')}`
}
