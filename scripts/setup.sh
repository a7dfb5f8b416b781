#!/usr/bin/env bash
# Create .venv and install what the project needs; fast when nothing changed.
# Usage: scripts/setup.sh [requirements file]   (default: requirements.txt)
set -euo pipefail
cd "$(dirname "$0")/.."
reqs="${1:-requirements.txt}"
python="${PYTHON:-python3}"

[ -x .venv/bin/python ] || "$python" -m venv .venv
hash="$(cat requirements*.txt | sha256sum | cut -c1-16)"
stamp=".venv/.installed-$hash-$(basename "$reqs")"
# The dev requirements include the runtime ones: either stamp satisfies a runtime set-up.
if [ ! -f "$stamp" ] && [ ! -f ".venv/.installed-$hash-requirements-dev.txt" ]; then
  echo "setting up .venv from $reqs (the first time compiles llama.cpp: about 6 minutes)" >&2
  # A portable build: a native one can use CPU features a VM advertises but faults on (AMX,
  # AVX-512), and pip caches the wheel for other machines too.
  if [ "$(uname -m)" = x86_64 ] && [ -z "${CMAKE_ARGS:-}" ]; then
    export CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_AVX512=OFF -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF"
  fi
  export CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc 2>/dev/null || echo 2)}"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -r "$reqs"
  # The embedded model must really generate here, not only import.
  if ! .venv/bin/python -m serp_core.llm.local_backend --check >/dev/null 2>&1; then
    echo "the cached llama.cpp build does not run on this CPU; rebuilding it" >&2
    .venv/bin/python -m pip install -q --force-reinstall --no-deps --no-cache-dir \
      "$(grep -i '^llama-cpp-python==' requirements.txt)"
    .venv/bin/python -m serp_core.llm.local_backend --check
  fi
  rm -f .venv/.installed-*
  touch "$stamp"
fi

# Screenshots (the vision scorer and judge, the app's candidate table, report PNGs, the browser
# tests) need a Chromium-family browser, and fonts for every script: without them Japanese,
# Chinese, Korean, Arabic and emoji are drawn as boxes. Checked on every call (it is quick).
# On Debian/Ubuntu as root they are installed; elsewhere Playwright's own Chromium, and we name
# the fonts to install (macOS and Windows come with them). Neither stops the set-up: without
# them pages are scored from text and shown without screenshots.
has_browser() {
  [ -n "${GENSERP_BROWSER:-}" ] || command -v chromium >/dev/null 2>&1 ||
    command -v chromium-browser >/dev/null 2>&1 || command -v google-chrome >/dev/null 2>&1 ||
    compgen -G "$HOME/.cache/ms-playwright/chromium-*/chrome-linux*/chrome" >/dev/null
}
has_glyph() { [ -n "$(fc-list ":charset=$1" family 2>/dev/null)" ]; }  # a code point, hex
packages=() fonts=()
has_browser || packages+=(chromium)
if command -v fc-list >/dev/null 2>&1; then
  has_glyph 6771 || fonts+=(fonts-noto-cjk)          # 東
  has_glyph 645 || fonts+=(fonts-noto-core)          # م
  has_glyph 1f355 || fonts+=(fonts-noto-color-emoji) # 🍕
fi
packages+=("${fonts[@]}")
if [ ${#packages[@]} -gt 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing ${packages[*]} for screenshots of pages" >&2
  { apt-get update -qq && apt-get install -y -qq "${packages[@]}" >/dev/null; } ||
    echo "could not install ${packages[*]}" >&2
elif [ ${#packages[@]} -gt 0 ]; then
  has_browser || .venv/bin/python -m playwright install chromium ||
    echo "no Chromium for screenshots: install one, or run" \
      "'.venv/bin/python -m playwright install chromium'" >&2
  [ ${#fonts[@]} -eq 0 ] || echo "some scripts will show as boxes in screenshots: install" \
    "${fonts[*]} (or your system's CJK, Arabic and emoji fonts)" >&2
fi
