console.error('npm run demo: the synthetic campaign generator is not built yet')
process.exit(1)
