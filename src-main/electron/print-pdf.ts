// The desktop's PDF printer: Electron's own Chromium prints the self-contained HTML export in a
// hidden window with no script, no preload and no network (the file's CSP forbids requests).
// Glue only; the page it prints is tested in the HTML export's tests.
import { BrowserWindow, dialog } from 'electron'
import { writeFile } from 'node:fs/promises'
import type { ExportFormat } from '../shared/export'

export async function electronPrintPdf(htmlFile: string, pdfFile: string): Promise<void> {
  const win = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, javascript: false, contextIsolation: true },
  })
  try {
    await win.loadFile(htmlFile)
    const pdf = await win.webContents.printToPDF({ printBackground: true, pageSize: 'A4' })
    await writeFile(pdfFile, pdf)
  } finally {
    win.destroy()
  }
}

const EXT: Record<ExportFormat, string | null> = {
  markdown: null,
  html: 'html',
  epub: 'epub',
  pdf: 'pdf',
  'csl-json': 'json',
  ris: 'ris',
  bibtex: 'bib',
}

/** The system's save dialog; a Markdown export is a new folder, named like a file. */
export async function pickExportTarget(format: ExportFormat): Promise<string | null> {
  const ext = EXT[format]
  const r = await dialog.showSaveDialog({
    defaultPath: ext ? `Lectern export.${ext}` : 'Lectern export',
    ...(ext ? { filters: [{ name: ext.toUpperCase(), extensions: [ext] }] } : {}),
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  })
  return r.canceled || !r.filePath ? null : r.filePath
}
