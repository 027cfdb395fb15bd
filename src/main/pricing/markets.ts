/**
 * Which country calling codes belong to which market of Meta's WhatsApp rate card.
 *
 * Source: Meta, "Pricing on the WhatsApp Business Platform" (developers.facebook.com/docs/whatsapp/pricing),
 * the market list beside the downloadable rate cards (standalone markets and the countries in each
 * "Rest of …" market), as published for per-message pricing from 2025-07-01; transcribed 2026-11-30.
 * Meta moves countries to standalone rates from time to time (e.g. the 2026-10-01 update): a rate
 * card row named after a country listed here (e.g. "Kenya") is used for that country before its
 * group's row, so a newer card works without changing this table. Countries not listed are "Other".
 */
export const MARKET_TABLE_SOURCE = {
  source: 'https://developers.facebook.com/docs/whatsapp/pricing (market list of the rate cards)',
  date: '2026-11-30'
} as const

export const OTHER_MARKET = 'Other'

/** [country, calling-code prefixes (digits after +), market of the rate card]. */
type Row = readonly [string, readonly string[], string]

const AFRICA = 'Rest of Africa'
const APAC = 'Rest of Asia Pacific'
const CEE = 'Rest of Central & Eastern Europe'
const LATAM = 'Rest of Latin America'
const MIDDLE_EAST = 'Rest of Middle East'
const WESTERN_EUROPE = 'Rest of Western Europe'

const ROWS: readonly Row[] = [
  // Standalone markets.
  ['Argentina', ['54'], 'Argentina'],
  ['Brazil', ['55'], 'Brazil'],
  ['Chile', ['56'], 'Chile'],
  ['Colombia', ['57'], 'Colombia'],
  ['Egypt', ['20'], 'Egypt'],
  ['France', ['33'], 'France'],
  ['Germany', ['49'], 'Germany'],
  ['India', ['91'], 'India'],
  ['Indonesia', ['62'], 'Indonesia'],
  ['Israel', ['972'], 'Israel'],
  ['Italy', ['39'], 'Italy'],
  ['Malaysia', ['60'], 'Malaysia'],
  ['Mexico', ['52'], 'Mexico'],
  ['Netherlands', ['31'], 'Netherlands'],
  ['Nigeria', ['234'], 'Nigeria'],
  ['Pakistan', ['92'], 'Pakistan'],
  ['Peru', ['51'], 'Peru'],
  ['Russia', ['7'], 'Russia'],
  ['Saudi Arabia', ['966'], 'Saudi Arabia'],
  ['South Africa', ['27'], 'South Africa'],
  ['Spain', ['34'], 'Spain'],
  ['Turkey', ['90'], 'Turkey'],
  ['United Arab Emirates', ['971'], 'United Arab Emirates'],
  ['United Kingdom', ['44'], 'United Kingdom'],
  // North America = the +1 numbers of the United States and Canada (Caribbean NANP areas below).
  ['United States', ['1'], 'North America'],
  // Rest of Africa.
  ['Algeria', ['213'], AFRICA],
  ['Angola', ['244'], AFRICA],
  ['Benin', ['229'], AFRICA],
  ['Botswana', ['267'], AFRICA],
  ['Burkina Faso', ['226'], AFRICA],
  ['Burundi', ['257'], AFRICA],
  ['Cameroon', ['237'], AFRICA],
  ['Chad', ['235'], AFRICA],
  ['Republic of the Congo', ['242'], AFRICA],
  ['Eritrea', ['291'], AFRICA],
  ['Ethiopia', ['251'], AFRICA],
  ['Gabon', ['241'], AFRICA],
  ['Gambia', ['220'], AFRICA],
  ['Ghana', ['233'], AFRICA],
  ['Guinea-Bissau', ['245'], AFRICA],
  ['Ivory Coast', ['225'], AFRICA],
  ['Kenya', ['254'], AFRICA],
  ['Lesotho', ['266'], AFRICA],
  ['Liberia', ['231'], AFRICA],
  ['Libya', ['218'], AFRICA],
  ['Madagascar', ['261'], AFRICA],
  ['Malawi', ['265'], AFRICA],
  ['Mali', ['223'], AFRICA],
  ['Mauritania', ['222'], AFRICA],
  ['Morocco', ['212'], AFRICA],
  ['Mozambique', ['258'], AFRICA],
  ['Namibia', ['264'], AFRICA],
  ['Niger', ['227'], AFRICA],
  ['Rwanda', ['250'], AFRICA],
  ['Senegal', ['221'], AFRICA],
  ['Sierra Leone', ['232'], AFRICA],
  ['Somalia', ['252'], AFRICA],
  ['South Sudan', ['211'], AFRICA],
  ['Sudan', ['249'], AFRICA],
  ['Swaziland', ['268'], AFRICA],
  ['Tanzania', ['255'], AFRICA],
  ['Togo', ['228'], AFRICA],
  ['Tunisia', ['216'], AFRICA],
  ['Uganda', ['256'], AFRICA],
  ['Zambia', ['260'], AFRICA],
  // Rest of Asia Pacific.
  ['Afghanistan', ['93'], APAC],
  ['Australia', ['61'], APAC],
  ['Bangladesh', ['880'], APAC],
  ['Cambodia', ['855'], APAC],
  ['China', ['86'], APAC],
  ['Hong Kong', ['852'], APAC],
  ['Japan', ['81'], APAC],
  ['Laos', ['856'], APAC],
  ['Mongolia', ['976'], APAC],
  ['Nepal', ['977'], APAC],
  ['New Zealand', ['64'], APAC],
  ['Papua New Guinea', ['675'], APAC],
  ['Philippines', ['63'], APAC],
  ['Singapore', ['65'], APAC],
  ['Sri Lanka', ['94'], APAC],
  ['Taiwan', ['886'], APAC],
  ['Tajikistan', ['992'], APAC],
  ['Thailand', ['66'], APAC],
  ['Turkmenistan', ['993'], APAC],
  ['Uzbekistan', ['998'], APAC],
  ['Vietnam', ['84'], APAC],
  // Rest of Central & Eastern Europe.
  ['Albania', ['355'], CEE],
  ['Armenia', ['374'], CEE],
  ['Azerbaijan', ['994'], CEE],
  ['Belarus', ['375'], CEE],
  ['Bulgaria', ['359'], CEE],
  ['Croatia', ['385'], CEE],
  ['Czech Republic', ['420'], CEE],
  ['Georgia', ['995'], CEE],
  ['Greece', ['30'], CEE],
  ['Hungary', ['36'], CEE],
  ['Latvia', ['371'], CEE],
  ['Lithuania', ['370'], CEE],
  ['Macedonia', ['389'], CEE],
  ['Moldova', ['373'], CEE],
  ['Poland', ['48'], CEE],
  ['Romania', ['40'], CEE],
  ['Serbia', ['381'], CEE],
  ['Slovakia', ['421'], CEE],
  ['Slovenia', ['386'], CEE],
  ['Ukraine', ['380'], CEE],
  // Rest of Latin America (incl. the Caribbean NANP areas of the listed countries).
  ['Bolivia', ['591'], LATAM],
  ['Costa Rica', ['506'], LATAM],
  ['Dominican Republic', ['1809', '1829', '1849'], LATAM],
  ['Ecuador', ['593'], LATAM],
  ['El Salvador', ['503'], LATAM],
  ['Guatemala', ['502'], LATAM],
  ['Haiti', ['509'], LATAM],
  ['Honduras', ['504'], LATAM],
  ['Jamaica', ['1876', '1658'], LATAM],
  ['Nicaragua', ['505'], LATAM],
  ['Panama', ['507'], LATAM],
  ['Paraguay', ['595'], LATAM],
  ['Puerto Rico', ['1787', '1939'], LATAM],
  ['Uruguay', ['598'], LATAM],
  ['Venezuela', ['58'], LATAM],
  // Rest of Middle East.
  ['Bahrain', ['973'], MIDDLE_EAST],
  ['Iraq', ['964'], MIDDLE_EAST],
  ['Jordan', ['962'], MIDDLE_EAST],
  ['Kuwait', ['965'], MIDDLE_EAST],
  ['Lebanon', ['961'], MIDDLE_EAST],
  ['Oman', ['968'], MIDDLE_EAST],
  ['Qatar', ['974'], MIDDLE_EAST],
  ['Yemen', ['967'], MIDDLE_EAST],
  // Rest of Western Europe.
  ['Austria', ['43'], WESTERN_EUROPE],
  ['Belgium', ['32'], WESTERN_EUROPE],
  ['Denmark', ['45'], WESTERN_EUROPE],
  ['Finland', ['358'], WESTERN_EUROPE],
  ['Ireland', ['353'], WESTERN_EUROPE],
  ['Norway', ['47'], WESTERN_EUROPE],
  ['Portugal', ['351'], WESTERN_EUROPE],
  ['Sweden', ['46'], WESTERN_EUROPE],
  ['Switzerland', ['41'], WESTERN_EUROPE],
  // +7 numbers of Kazakhstan are not Russia's; Kazakhstan is in no listed market.
  ['Kazakhstan', ['76', '77'], OTHER_MARKET]
]

export interface CountryMarket {
  country: string
  prefixes: readonly string[]
  market: string
}

export const COUNTRY_MARKETS: readonly CountryMarket[] = ROWS.map(
  ([country, prefixes, market]) => ({
    country,
    prefixes,
    market
  })
)

/** Every market name a rate card may carry: the groups, and any listed country (standalone). */
export const KNOWN_MARKETS: ReadonlySet<string> = new Set([
  ...COUNTRY_MARKETS.map((c) => c.market),
  ...COUNTRY_MARKETS.map((c) => c.country),
  'Canada',
  OTHER_MARKET
])

const byPrefix = new Map<string, CountryMarket>()
for (const c of COUNTRY_MARKETS) for (const p of c.prefixes) byPrefix.set(p, c)

/**
 * The country of a number from its leading digits (after '+'), longest prefix first; null when
 * no listed country matches (the rate card's "Other").
 */
export function countryOfDigits(digits: string): CountryMarket | null {
  for (let n = Math.min(4, digits.length); n > 0; n--) {
    const hit = byPrefix.get(digits.slice(0, n))
    if (hit) return hit
  }
  return null
}

/** Case- and space-insensitive key of a market name ("rest of western europe" = "Rest of Western Europe"). */
export function marketKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase()
}
