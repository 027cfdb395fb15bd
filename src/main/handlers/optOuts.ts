import type { EngineContext } from '../engine/context'
import { createKeywordStore } from '../optOuts/keywords'
import { createOptOutList } from '../optOuts/optOutList'
import type { DomainHandlers } from './types'

type Routes = 'optOuts.keywords' | 'optOuts.setKeywords' | 'optOuts.list' | 'optOuts.csv'

export function optOutHandlers(ctx: EngineContext): DomainHandlers<Routes> {
  const keywords = createKeywordStore(ctx.db)
  const list = createOptOutList(ctx.db)
  return {
    'optOuts.keywords': () => ({ keywords: keywords.list() }),
    'optOuts.setKeywords': (i) => ({ keywords: keywords.set(i.keywords) }),
    'optOuts.list': (i) => list.list(i.offset, i.limit),
    'optOuts.csv': () => ({ csv: list.csv() })
  }
}
