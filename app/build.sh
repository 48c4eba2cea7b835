#!/usr/bin/env bash
# Builds the release client into dist/: WASM built for size, bound with the
# locally installed wasm-bindgen, shrunk with npm's wasm-opt, content-hashed
# names under dist/assets/ (cached for a year by the server), and brotli and
# gzip copies beside every text file and the WASM.
set -euo pipefail
cd "$(dirname "$0")/.."

out=dist
work=target/client
rm -rf "$work" "$out.new"
mkdir -p "$work" "$out.new/assets"

cargo build --locked --profile wasm-release --target wasm32-unknown-unknown -p pulse-app
wasm-bindgen --target web --no-typescript --out-dir "$work" --out-name pulse \
  target/wasm32-unknown-unknown/wasm-release/pulse-app.wasm
# The WASM features rustc enables by default for wasm32 (not -all, which
# lets wasm-opt emit instructions browsers may lack).
app/node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-bulk-memory-opt \
  --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
  --enable-reference-types --enable-multivalue \
  "$work/pulse_bg.wasm" -o "$work/pulse_bg.opt.wasm"

hash() { sha256sum "$1" | cut -c1-16; }

wasm="pulse-$(hash "$work/pulse_bg.opt.wasm").wasm"
cp "$work/pulse_bg.opt.wasm" "$out.new/assets/$wasm"
js="pulse-$(hash "$work/pulse.js").js"
cp "$work/pulse.js" "$out.new/assets/$js"
cat style/*.css > "$work/style.css"
css="style-$(hash "$work/style.css").css"
cp "$work/style.css" "$out.new/assets/$css"
# A separate boot module rather than an inline script, so the
# Content-Security-Policy needs no 'unsafe-inline'.
printf 'import init from "./%s";\ninit({ module_or_path: "/assets/%s" });\n' "$js" "$wasm" > "$work/boot.js"
boot="boot-$(hash "$work/boot.js").js"
cp "$work/boot.js" "$out.new/assets/$boot"

for f in public/*; do
  [ "$(basename "$f")" = index.html ] || cp -r "$f" "$out.new/"
done
sed -e "s|{{STYLE}}|/assets/$css|g" -e "s|{{BOOT}}|/assets/$boot|g" \
    -e "s|{{MODULE}}|/assets/$js|g" -e "s|{{WASM}}|/assets/$wasm|g" \
    public/index.html > "$out.new/index.html"

find "$out.new" -type f \( -name '*.html' -o -name '*.js' -o -name '*.css' -o -name '*.wasm' \
    -o -name '*.json' -o -name '*.svg' -o -name '*.txt' -o -name '*.webmanifest' \) |
  while read -r f; do
    gzip -9 -k -n "$f"
    brotli -q 11 -k "$f"
  done

rm -rf "$out"
mv "$out.new" "$out"
printf 'client built in %s/: wasm %s bytes (%s brotli), js %s bytes\n' "$out" \
  "$(stat -c %s "$out/assets/$wasm")" "$(stat -c %s "$out/assets/$wasm.br")" "$(stat -c %s "$out/assets/$js")"
