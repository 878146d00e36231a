esbuild src/handler.ts --bundle --platform=node --format=esm --target=node20.19 --minify \
  --outfile=dist/handler.mjs \
  --banner:js="import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);"
