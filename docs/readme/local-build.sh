# In a clone of this repository: install and build (scripts/run.sh sets up pnpm 10.34.8 when needed),
# then pack the three packages into your project's vendor folder.
bash scripts/run.sh build
export PATH="$PWD/.tools/bin:$PATH" # the pnpm that scripts/run.sh set up, if it had to
mkdir -p ~/my-shop/vendor
for name in core node testing; do pnpm --dir packages/$name pack --pack-destination ~/my-shop/vendor; done
