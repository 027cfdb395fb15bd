const SAMPLE = 4096

function lineOf(text: string, index: number): number {
  let line = 1
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) line++
  return line
}

/**
 * Why a CSV text cannot be imported as it is, or null. Files arrive decoded as UTF-8: a UTF-16 or
 * binary file then carries NUL characters, and a Latin-1/Windows-1252 file carries U+FFFD where
 * its accented letters were. Importing those would store mangled names, so the whole file is
 * refused with the fix ("save as CSV UTF-8") instead.
 */
export function encodingProblem(text: string): string | null {
  const sample = text.slice(0, SAMPLE)
  let nulInSample = 0
  for (let i = 0; i < sample.length; i++) if (sample.charCodeAt(i) === 0) nulInSample++
  if (sample.length >= 8 && nulInSample / sample.length > 0.2)
    return 'The file is UTF-16 text, not UTF-8: save it as "CSV UTF-8" and import it again'
  const nul = text.indexOf('\0')
  if (nul >= 0)
    return `The file contains binary data (a NUL byte on line ${lineOf(text, nul)}): it is not a CSV text file`
  const bad = text.indexOf('\uFFFD')
  if (bad >= 0)
    return `The file is not valid UTF-8 (line ${lineOf(text, bad)}), probably Latin-1 or Windows-1252: save it as "CSV UTF-8" and import it again`
  return null
}
