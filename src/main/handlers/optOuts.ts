import type { EngineServices } from '../engine/services'
import type { DomainHandlers } from './types'

type Routes = 'optOuts.keywords' | 'optOuts.setKeywords' | 'optOuts.list' | 'optOuts.csv'

export function optOutHandlers({ optOuts }: EngineServices): DomainHandlers<Routes> {
  return {
    'optOuts.keywords': () => ({ keywords: optOuts.keywords.list() }),
    'optOuts.setKeywords': (i) => ({ keywords: optOuts.keywords.set(i.keywords) }),
    'optOuts.list': (i) => optOuts.list.list(i.offset, i.limit),
    'optOuts.csv': () => ({ csv: optOuts.list.csv() })
  }
}
