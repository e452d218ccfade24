#!/usr/bin/env bash
# Builds a self-contained DualPath Explorer app image (JDK runtime + jars + launcher) with jpackage.
# Usage (from the project root, after `mvn package`): packaging/jpackage-app-image.sh [OUT_DIR]
# The launcher opens the explorer; `bin/DualPathExplorer` takes the same arguments as `mvn javafx:run`
# (--captions F --images DIR --model M). DL4J cannot be jlinked, so the jars stay on the class path.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/installer}
[ -f target/dualpath.jar ] && [ -d target/lib ] || { echo "error: run 'mvn package' first (target/dualpath.jar and target/lib are missing)" >&2; exit 2; }
command -v jpackage >/dev/null || { echo "error: jpackage not found: install a full JDK 17 (it ships jpackage)" >&2; exit 2; }
input=$(mktemp -d)
trap 'rm -rf "$input"' EXIT
cp target/dualpath.jar "$input/"
cp target/lib/*.jar "$input/"
mkdir -p "$input/assets/models"
cp assets/models/*.zip "$input/assets/models/" 2>/dev/null || true
rm -rf "$out/DualPathExplorer"
jpackage --type app-image --name DualPathExplorer --dest "$out" \
  --input "$input" --main-jar dualpath.jar --main-class org.dualpath.app.ExplorerLauncher \
  --java-options "-Dprism.order=es2,sw -Xmx4g -XX:MaxGCPauseMillis=10" \
  --description "Explore Dual-Path CNN image-text embeddings"
echo "app image: $out/DualPathExplorer (run bin/DualPathExplorer)"
