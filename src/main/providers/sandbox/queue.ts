/**
 * A min-heap of timed actions with one timer for all of them, bounded in size. A timer, not a
 * calendar: actions are due a delay after they were pushed, measured on the monotonic clock,
 * whatever time the engine's clock says it is.
 */
export class TimedQueue<T> {
  private heap: { due: number; item: T }[] = []
  private timer: NodeJS.Timeout | null = null
  private closed = false
  dropped = 0

  constructor(
    private readonly max: number,
    private readonly fire: (items: T[]) => void
  ) {}

  get size(): number {
    return this.heap.length
  }

  /** Adds an action due `afterMs` from now; false (and counts a drop) when the queue is full. */
  push(afterMs: number, item: T): boolean {
    if (this.closed) return false
    if (this.heap.length >= this.max) {
      this.dropped++
      return false
    }
    const h = this.heap
    h.push({ due: performance.now() + afterMs, item })
    let i = h.length - 1
    while (i > 0) {
      const p = (i - 1) >> 1
      if (h[p]!.due <= h[i]!.due) break
      ;[h[p], h[i]] = [h[i]!, h[p]!]
      i = p
    }
    if (i === 0) this.arm()
    return true
  }

  close(): void {
    this.closed = true
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.heap = []
  }

  private pop(): { due: number; item: T } {
    const h = this.heap
    const top = h[0]!
    const last = h.pop()!
    if (h.length) {
      h[0] = last
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        const r = l + 1
        let m = i
        if (l < h.length && h[l]!.due < h[m]!.due) m = l
        if (r < h.length && h[r]!.due < h[m]!.due) m = r
        if (m === i) break
        ;[h[m], h[i]] = [h[i]!, h[m]!]
        i = m
      }
    }
    return top
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    if (this.closed || this.heap.length === 0) return
    const delay = Math.max(0, Math.min(this.heap[0]!.due - performance.now(), 2 ** 31 - 1))
    this.timer = setTimeout(() => this.run(), delay)
  }

  private run(): void {
    this.timer = null
    const now = performance.now()
    const due: T[] = []
    while (this.heap.length && this.heap[0]!.due <= now) due.push(this.pop().item)
    try {
      if (due.length) this.fire(due)
    } finally {
      this.arm()
    }
  }
}
