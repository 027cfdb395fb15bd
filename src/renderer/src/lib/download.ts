/**
 * Hands text to the browser's download as a file (the renderer has no file system of its own).
 * The object URL is released after the click has had time to start the download.
 */
export function downloadText(fileName: string, text: string, type = 'text/csv'): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/**
 * Starts the browser's download of a file the engine prepared (`*.prepareDownload`): a plain
 * navigation to its one-time address, which needs no bearer header.
 */
export function downloadPrepared(token: string, fileName: string): void {
  const link = document.createElement('a')
  link.href = `/api/download/${encodeURIComponent(token)}`
  link.download = fileName
  document.body.appendChild(link)
  link.click()
  link.remove()
}
