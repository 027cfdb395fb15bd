/** Types shared by the stats engine and the drill-down (a leaf, so neither imports the other). */

export type { ErrorKind } from '../db/repos/statsCounterKeys'

export type { CampaignRef } from '../db/repos/statsReadRepo'

/** Reads one counter of the campaign being answered (0 when absent). */
export type Counters = (key: string) => number
