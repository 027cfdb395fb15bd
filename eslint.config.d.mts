// Types of what the layout test reads from eslint.config.mjs.
export declare const DOMAIN_BASE: readonly string[]
export declare const DOMAIN_NEIGHBOURS: Readonly<Record<string, readonly string[]>>
export declare const layoutZones: readonly unknown[]
declare const config: unknown
export default config
