/** A base URL (public, tunnel, loopback, a provider's) without trailing slashes. */
export const trimTrailingSlash = (url: string): string => url.replace(/\/+$/, '')

/** `path` (starting with `/`) on `base`, whether or not `base` ends with a slash. */
export const urlOn = (base: string, path: string): string => `${trimTrailingSlash(base)}${path}`
