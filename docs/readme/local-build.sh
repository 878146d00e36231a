# In a clone of this repository: build, then pack the three packages into your project's vendor folder.
pnpm install --frozen-lockfile && pnpm run build
for name in core node testing; do pnpm --dir packages/$name pack --pack-destination ~/my-shop/vendor; done
