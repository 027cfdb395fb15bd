export declare const CHROMIUM_NAMES: readonly string[]
export declare const CHROMIUM_FLAGS: string[]
export declare const POPPLER_TOOLS: readonly string[]
export declare const APT_PACKAGES: readonly string[]
export declare function aptInstallCommand(sudo?: boolean): string
export declare const CHROMIUM_FIX: string
export declare function findOnPath(name: string, env: NodeJS.ProcessEnv): string | null
export declare function findChromium(env: NodeJS.ProcessEnv): string | null
export declare function missingTestTools(env: NodeJS.ProcessEnv): string[]
