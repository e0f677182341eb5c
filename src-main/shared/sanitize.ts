// What article HTML may keep, as plain data: the reader (src-renderer/lib/markdown.ts) and the
// exports (src-main/export/render.ts) both hand these to marked and DOMPurify, so an export shows
// what the reader shows. Articles come from arbitrary folders: DOMPurify's HTML profile only (no
// SVG/MathML), no styles, frames, forms or media players, no ids (they could shadow the app's).

/** marked's options: GitHub-flavoured Markdown, line breaks as written. */
export const MARKED_OPTIONS = { gfm: true, breaks: false, async: false } as const

/** Links kept: the web, mail and the article's own headings; any other scheme loses its href. */
export const SAFE_LINK = /^(https?:|mailto:|#)/i

/** DOMPurify's settings (a function, so each caller gets arrays it may extend). */
export function purifyConfig() {
  return {
    USE_PROFILES: { html: true },
    FORBID_TAGS: [
      'style',
      'iframe',
      'frame',
      'object',
      'embed',
      'form',
      'input',
      'button',
      'textarea',
      'select',
      'link',
      'meta',
      'base',
      'video',
      'audio',
      'source',
      'picture',
    ],
    FORBID_ATTR: ['style', 'id', 'srcset', 'action', 'formaction', 'ping', 'background', 'poster'],
    ALLOW_DATA_ATTR: false,
  }
}
