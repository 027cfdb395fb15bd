/** What the preload exposes; the renderer's `lib/api.ts` is the only reader. */
export interface RawBridge {
  invoke(route: string, input: unknown): Promise<unknown>
  on(event: string, callback: (payload: unknown) => void): () => void
}

declare global {
  interface Window {
    tickboard?: RawBridge
  }
}
