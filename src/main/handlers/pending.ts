import { AppError, ErrorCode } from '../../shared/ipc/errors'

/** Answer for a route whose domain module is still being built (issue #N in the tracker). */
export function pending(route: string): () => never {
  return () => {
    throw new AppError(ErrorCode.unavailable, `${route} is not available in this build yet`)
  }
}
