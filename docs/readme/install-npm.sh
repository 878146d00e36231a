# In your project, with npm: the packed tarballs, the Effect 3 peers and the test side, all exact.
npm pkg set type=module
npm install -E ./vendor/effect-bootpay-core-0.1.0.tgz ./vendor/effect-bootpay-node-0.1.0.tgz effect@3.22.4 @effect/platform@0.97.2
npm install -E -D ./vendor/effect-bootpay-testing-0.1.0.tgz vitest@3.2.7 @effect/vitest@0.30.0 typescript@5.9.3 @types/node@20.19.43
