import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'
import { devServerCsp } from './src/main/electron/devServerCsp'

/**
 * One build for three runtimes: the Electron main process (index) and its engine utility
 * process (engine), the headless engine (serve, demo, bench: plain Node, same modules), the
 * sandboxed preload and the renderer.
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          engine: resolve('src/main/engineProcess.ts'),
          serve: resolve('src/main/headless/serve.ts'),
          demo: resolve('src/main/demo/cli.ts'),
          bench: resolve('bench/index.ts')
        }
      }
    }
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot load split chunks or ESM: one CommonJS file.
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', inlineDynamicImports: true }
      }
    }
  },
  renderer: {
    root: 'src/renderer',
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } }
    },
    plugins: [react(), devServerCsp()]
  }
})
