#!/usr/bin/env bash
# Re-fetches the vendored Plotly.js that report.html inlines, from the `plotly` wheel on PyPI
# (it carries package_data/plotly.min.js), and checks it against the pinned digest.
# To move to a newer Plotly: change VERSION, run with UPDATE=1, commit both files and the new
# digest printed here.
set -euo pipefail
VERSION=7.1.0   # the wheel's version; it carries plotly.js v4.1.1
SHA256=3b6e15d45dbb7fca5bd2094291e961ddc5472cd887009e6009a56dab668d721f
dest="$(cd "$(dirname "$0")/.." && pwd)/Sources/LLMLoadReport/Resources"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m pip download "plotly==$VERSION" --no-deps --quiet --dest "$work"
unzip -q -o "$work"/plotly-"$VERSION"-*.whl 'plotly/package_data/plotly.min.js' \
  "plotly-$VERSION.dist-info/licenses/LICENSE.txt" -d "$work/x"
actual=$(sha256sum "$work/x/plotly/package_data/plotly.min.js" | cut -d' ' -f1)
if [ "$actual" != "$SHA256" ] && [ "${UPDATE:-0}" != 1 ]; then
  echo "plotly.min.js from plotly==$VERSION has digest $actual, expected $SHA256" >&2
  exit 1
fi
cp "$work/x/plotly/package_data/plotly.min.js" "$dest/plotly.min.js"
cp "$work/x/plotly-$VERSION.dist-info/licenses/LICENSE.txt" "$dest/plotly-LICENSE.txt"
echo "plotly.min.js ($actual) and its licence written to $dest"
