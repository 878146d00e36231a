# In your project, with pnpm 10 or 12 and the pnpm-workspace.yaml above.
npm pkg set type=module
pnpm add -E ./vendor/effect-bootpay-core-0.1.0.tgz ./vendor/effect-bootpay-node-0.1.0.tgz effect@3.22.4 @effect/platform@0.97.2 --allow-build=msgpackr-extract
pnpm add -E -D ./vendor/effect-bootpay-testing-0.1.0.tgz vitest@3.2.7 @effect/vitest@0.30.0 typescript@5.9.3 @types/node@20.19.43 --allow-build=esbuild
