#!/usr/bin/env bash
# Builds the release client into dist/: two WASM bundles built for size
# (pulse-app for residents, loaded by index.html; pulse-host for the host's
# tools, the report, the account page and the pages a mailed link opens,
# loaded by host.html), bound with the locally
# installed wasm-bindgen, shrunk with npm's wasm-opt, content-hashed names
# under dist/assets/ (cached for a year by the server), and brotli and gzip
# copies beside every text file and the WASM.
set -euo pipefail
cd "$(dirname "$0")/.."

out=dist
work=target/client
rm -rf "$work" "$out.new"
mkdir -p "$work" "$out.new/assets"

cargo build --locked --profile wasm-release --target wasm32-unknown-unknown -p pulse-app --bins

hash() { sha256sum "$1" | cut -c1-16; }

cat style/*.css > "$work/style.css"
css="style-$(hash "$work/style.css").css"
cp "$work/style.css" "$out.new/assets/$css"

for f in public/*; do
  [ "$(basename "$f")" = index.html ] || cp -r "$f" "$out.new/"
done

# bundle BIN NAME PAGE: binds, shrinks and names one bundle, and writes the
# page that loads it from public/index.html.
bundle() {
  local bin=$1 name=$2 page=$3
  wasm-bindgen --target web --no-typescript --out-dir "$work" --out-name "$name" \
    "target/wasm32-unknown-unknown/wasm-release/$bin.wasm"
  # The WASM features rustc enables by default for wasm32 (not -all, which
  # lets wasm-opt emit instructions browsers may lack).
  app/node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-bulk-memory-opt \
    --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
    --enable-reference-types --enable-multivalue \
    "$work/${name}_bg.wasm" -o "$work/${name}_bg.opt.wasm"
  local wasm js boot
  wasm="$name-$(hash "$work/${name}_bg.opt.wasm").wasm"
  cp "$work/${name}_bg.opt.wasm" "$out.new/assets/$wasm"
  js="$name-$(hash "$work/$name.js").js"
  cp "$work/$name.js" "$out.new/assets/$js"
  # A separate boot module rather than an inline script, so the
  # Content-Security-Policy needs no 'unsafe-inline'.
  printf 'import init from "./%s";\ninit({ module_or_path: "/assets/%s" });\n' "$js" "$wasm" > "$work/boot-$name.js"
  boot="boot-$(hash "$work/boot-$name.js").js"
  cp "$work/boot-$name.js" "$out.new/assets/$boot"
  # For a page whose forms work without the app (signing in, creating an
  # account): the app is loaded at the first sign of someone using it, but
  # not for a link, whose page is about to go (a phone would download the
  # app for nothing).
  printf '%s\n' \
    'const events = ["pointerdown", "keydown", "focusin", "touchstart"];' \
    'const go = (event) => {' \
    '  const t = event && event.target;' \
    '  if (t instanceof Element && t.closest("a[href]")) return;' \
    '  for (const e of events) removeEventListener(e, go, true);' \
    "  import(\"./$boot\");" \
    '};' \
    'for (const e of events) addEventListener(e, go, { capture: true, passive: true });' \
    > "$work/later-$name.js"
  later="later-$(hash "$work/later-$name.js").js"
  cp "$work/later-$name.js" "$out.new/assets/$later"
  sed -e "s|{{STYLE}}|/assets/$css|g" -e "s|{{BOOT}}|/assets/$boot|g" -e "s|{{LATER}}|/assets/$later|g" \
      -e "s|{{MODULE}}|/assets/$js|g" -e "s|{{WASM}}|/assets/$wasm|g" \
      public/index.html > "$out.new/$page"
  echo "$wasm" >> "$work/wasm-names"
}
bundle pulse-app pulse index.html
bundle pulse-host host host.html

find "$out.new" -type f \( -name '*.html' -o -name '*.js' -o -name '*.css' -o -name '*.wasm' \
    -o -name '*.json' -o -name '*.svg' -o -name '*.txt' -o -name '*.webmanifest' \) |
  while read -r f; do
    gzip -9 -k -n "$f"
    brotli -q 11 -k "$f"
  done

rm -rf "$out"
mv "$out.new" "$out"
echo "client built in $out/:"
while read -r wasm; do
  printf '  %s: %s bytes (%s brotli)\n' "$wasm" "$(stat -c %s "$out/assets/$wasm")" \
    "$(stat -c %s "$out/assets/$wasm.br")"
done < "$work/wasm-names"
