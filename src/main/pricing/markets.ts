/**
 * Which country calling codes belong to which market of Meta's WhatsApp rate card, and since when.
 *
 * Source: Meta, "Pricing on the WhatsApp Business Platform"
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/pricing), the market
 * list beside the downloadable rate cards (standalone markets and the countries in each "Rest of …"
 * market), as published for per-message pricing from 2025-07-01; transcribed 2026-11-30.
 *
 * Markets Meta split off their group in 2026 carry the date their own market starts: from
 * 2026-07-01 Hong Kong, Singapore, Hungary, Poland, Romania and Qatar; from 2026-10-01 Bangladesh,
 * Iraq, Nepal, Sri Lanka, Kazakhstan, Kuwait, Morocco, Oman and Ukraine. The October list is the one
 * the WhaTools open dataset records as "official" with Meta's pricing page as its source
 * (https://huggingface.co/datasets/WhaTools/whatsapp-open-data); the July list is as BSPs report
 * it; neither could be read on Meta's page itself from here. A rate card row named after a
 * country (e.g. "Poland") prices that country before its group's row, so a newer card works
 * without changing this table; a card without it prices the country at its group (with a warning
 * on the stats page once the country's own market has started, see cost.ts).
 *
 * North America is the United States and Canada only: the other NANP (+1) areas are listed by
 * area code (NANPA's list of NANP countries and territories), Dominican Republic, Jamaica and
 * Puerto Rico in Rest of Latin America as Meta lists them, the rest in Other.
 */
export const MARKET_TABLE_SOURCE = {
  source:
    'https://developers.facebook.com/documentation/business-messaging/whatsapp/pricing (market list of the rate cards)',
  date: '2026-12-06'
} as const

/**
 * [country, calling-code prefixes (digits after +), market of the rate card (its group for a
 * country split off later), the date (YYYY-MM-DD) from which the country is its own market].
 */
type Row = readonly [string, readonly string[], string, string?]

const JULY_2026 = '2026-07-01'
const OCTOBER_2026 = '2026-10-01'

export const OTHER_MARKET = 'Other'
const OTHER = OTHER_MARKET
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
  // North America = the +1 numbers of the United States and Canada: every +1 area code not
  // listed below (the other NANP countries and territories, by area code).
  ['United States', ['1'], 'North America'],
  ['Anguilla', ['1264'], OTHER],
  ['Antigua and Barbuda', ['1268'], OTHER],
  ['Bahamas', ['1242'], OTHER],
  ['Barbados', ['1246'], OTHER],
  ['Bermuda', ['1441'], OTHER],
  ['British Virgin Islands', ['1284'], OTHER],
  ['Cayman Islands', ['1345'], OTHER],
  ['Dominica', ['1767'], OTHER],
  ['Grenada', ['1473'], OTHER],
  ['Montserrat', ['1664'], OTHER],
  ['Saint Kitts and Nevis', ['1869'], OTHER],
  ['Saint Lucia', ['1758'], OTHER],
  ['Saint Vincent and the Grenadines', ['1784'], OTHER],
  ['Sint Maarten', ['1721'], OTHER],
  ['Trinidad and Tobago', ['1868'], OTHER],
  ['Turks and Caicos Islands', ['1649'], OTHER],
  // US territories other than Puerto Rico: not in Meta's North America (US and Canada) nor in any
  // other listed market.
  ['American Samoa', ['1684'], OTHER],
  ['Guam', ['1671'], OTHER],
  ['Northern Mariana Islands', ['1670'], OTHER],
  ['US Virgin Islands', ['1340'], OTHER],
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
  ['Morocco', ['212'], AFRICA, OCTOBER_2026],
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
  ['Bangladesh', ['880'], APAC, OCTOBER_2026],
  ['Cambodia', ['855'], APAC],
  ['China', ['86'], APAC],
  ['Hong Kong', ['852'], APAC, JULY_2026],
  ['Japan', ['81'], APAC],
  ['Laos', ['856'], APAC],
  ['Mongolia', ['976'], APAC],
  ['Nepal', ['977'], APAC, OCTOBER_2026],
  ['New Zealand', ['64'], APAC],
  ['Papua New Guinea', ['675'], APAC],
  ['Philippines', ['63'], APAC],
  ['Singapore', ['65'], APAC, JULY_2026],
  ['Sri Lanka', ['94'], APAC, OCTOBER_2026],
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
  ['Hungary', ['36'], CEE, JULY_2026],
  ['Latvia', ['371'], CEE],
  ['Lithuania', ['370'], CEE],
  ['Macedonia', ['389'], CEE],
  ['Moldova', ['373'], CEE],
  ['Poland', ['48'], CEE, JULY_2026],
  ['Romania', ['40'], CEE, JULY_2026],
  ['Serbia', ['381'], CEE],
  ['Slovakia', ['421'], CEE],
  ['Slovenia', ['386'], CEE],
  ['Ukraine', ['380'], CEE, OCTOBER_2026],
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
  ['Iraq', ['964'], MIDDLE_EAST, OCTOBER_2026],
  ['Jordan', ['962'], MIDDLE_EAST],
  ['Kuwait', ['965'], MIDDLE_EAST, OCTOBER_2026],
  ['Lebanon', ['961'], MIDDLE_EAST],
  ['Oman', ['968'], MIDDLE_EAST, OCTOBER_2026],
  ['Qatar', ['974'], MIDDLE_EAST, JULY_2026],
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
  // +7 numbers of Kazakhstan are not Russia's; Kazakhstan was in no listed market (Other) until
  // its own market started.
  ['Kazakhstan', ['76', '77'], OTHER, OCTOBER_2026],
  // Zimbabwe (+263) is in none of Meta's lists (Rest of Africa names Zambia, not Zimbabwe): Other.
  // Listed so the table says so rather than leaving it to the fallback.
  ['Zimbabwe', ['263'], OTHER]
]

export interface CountryMarket {
  country: string
  prefixes: readonly string[]
  /** The market its numbers are priced in, or its group's before `ownMarketFrom`. */
  market: string
  /** The day (UTC, YYYY-MM-DD) from which the country is a market of its own; null = never split. */
  ownMarketFrom: string | null
}

export const COUNTRY_MARKETS: readonly CountryMarket[] = ROWS.map(
  ([country, prefixes, market, ownMarketFrom]) => ({
    country,
    prefixes,
    market,
    ownMarketFrom: ownMarketFrom ?? null
  })
)

/** The market changes of the table (a country becoming its own market), oldest first. */
export const MARKET_CHANGES: readonly { country: string; group: string; from: string }[] =
  COUNTRY_MARKETS.filter((c) => c.ownMarketFrom !== null)
    .map((c) => ({ country: c.country, group: c.market, from: c.ownMarketFrom! }))
    .sort((a, b) => a.from.localeCompare(b.from) || a.country.localeCompare(b.country))

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
