#!/usr/bin/env bash
# Builds the .wasm variants that `bench/package/run.mjs` compares: rustc opt-level z / s / 3
# and wasm-opt settings, each as web glue + .wasm in target/pkg-variants/<name>/.
# The package ships two builds (mk/pkg.mk): the browser build at opt-level z with wasm-opt -Oz,
# the server build at opt-level 3 with wasm-opt -O3, both with std rebuilt (-Zbuild-std); these
# variants all use the ordinary std and every feature, so that the opt-levels and wasm-opt
# settings compare like for like.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=target/pkg-variants
wasm_opt=node_modules/.bin/wasm-opt
bindgen_flags=(--target web --no-typescript --remove-name-section --remove-producers-section)
rm -rf "$out" && mkdir -p "$out"

variant() { # name, raw .wasm, wasm-opt flags...
  local name=$1 raw=$2; shift 2
  wasm-bindgen "${bindgen_flags[@]}" --out-dir "$out/$name" "$raw"
  if [ $# -gt 0 ]; then "$wasm_opt" "$@" "$out/$name/smart_invite_bg.wasm" -o "$out/$name/smart_invite_bg.wasm"; fi
}

z=target/wasm32-unknown-unknown/release/smart_invite.wasm
variant "z-none" "$z"
variant "z-Oz" "$z" -Oz --skip-pass=memory-packing
variant "z-Oz-memory-packing" "$z" -Oz
variant "z-O3" "$z" -O3 --skip-pass=memory-packing
for level in s 3; do
  printf '==> opt-level %s: cargo build --release (own target dir, about 2 minutes)\n' "$level"
  CARGO_PROFILE_RELEASE_OPT_LEVEL=$level cargo build -q --release --lib --target wasm32-unknown-unknown \
    --target-dir "target/opt-$level"
  raw="target/opt-$level/wasm32-unknown-unknown/release/smart_invite.wasm"
  variant "$level-none" "$raw"
  variant "$level-Oz" "$raw" -Oz --skip-pass=memory-packing
  variant "$level-O3" "$raw" -O3 --skip-pass=memory-packing
done

printf '==> the JS/Wasm boundary: JSON text vs serde-wasm-bindgen (bench/package/boundary)\n'
cargo build -q --release --target wasm32-unknown-unknown --manifest-path bench/package/boundary/Cargo.toml \
  --target-dir target/boundary
wasm-bindgen "${bindgen_flags[@]}" --out-dir "$out/boundary" target/boundary/wasm32-unknown-unknown/release/boundary_bench.wasm
