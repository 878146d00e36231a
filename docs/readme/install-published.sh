# Once the packages are on npm (they are not yet):
npm install -E @effect-bootpay/core@0.1.0 @effect-bootpay/node@0.1.0 effect@3.22.4 @effect/platform@0.97.2
npm install -E -D @effect-bootpay/testing@0.1.0 vitest@3.2.7 @effect/vitest@0.30.0 typescript@5.9.3 @types/node@20.19.43
# or: pnpm add -E (the same packages) --allow-build=msgpackr-extract, and pnpm add -E -D ... --allow-build=esbuild
