#!/usr/bin/env bash
# Builds DualPath Explorer installers with jpackage (in the JDK): the explorer with a desktop entry and icon, and
# the `dualpath` command line as a second launcher.
# Usage (from the project root, after `mvn package`): packaging/jpackage-installers.sh TYPE [OUT_DIR]
#   TYPE: app-image (any OS), deb or rpm (Linux), dmg or pkg (macOS), msi or exe (Windows); OUT_DIR: target/installer
# What each type needs is checked first and named; nothing is installed by this script:
#   deb: dpkg-deb and fakeroot (Debian/Ubuntu: sudo apt-get install fakeroot)
#   rpm: rpmbuild (Debian/Ubuntu: sudo apt-get install rpm; Fedora: sudo dnf install rpm-build)
#   msi/exe: the WiX Toolset 3 on the PATH; dmg/pkg: Xcode command line tools.
# On Linux `dualpath` goes on the PATH: the .deb's postinst links it into /usr/bin (packaging/linux/postinst), the
# .rpm owns the link /usr/bin/dualpath (packaging/linux/dualpath-explorer.spec, jpackage's spec template plus it).
# Installers are built for the OS they are built on. DL4J cannot be jlinked, so its jars stay on the class path.
set -euo pipefail
cd "$(dirname "$0")/.."
type=${1:?usage: packaging/jpackage-installers.sh app-image|deb|rpm|dmg|pkg|msi|exe [OUT_DIR]}
out=${2:-target/installer}
need() { command -v "$1" >/dev/null || { echo "error: $type needs $1: $2" >&2; exit 2; }; }
need jpackage "install a full JDK 17 (it ships jpackage)"
case "$type" in
  app-image|dmg|pkg|msi|exe) ;;
  deb) need dpkg-deb "install dpkg (Debian/Ubuntu have it)"; need fakeroot "sudo apt-get install fakeroot" ;;
  rpm) need rpmbuild "sudo apt-get install rpm (Debian/Ubuntu) or sudo dnf install rpm-build (Fedora)" ;;
  *) echo "error: unknown type '$type': use app-image, deb, rpm, dmg, pkg, msi or exe" >&2; exit 2 ;;
esac
[ -f target/dualpath.jar ] && [ -d target/lib ] || { echo "error: run 'mvn package' first (target/dualpath.jar and target/lib are missing)" >&2; exit 2; }
version=$(unzip -p target/dualpath.jar META-INF/MANIFEST.MF | sed -n 's/^Implementation-Version: *\([0-9.]*\).*/\1/p' | tr -d '\r')
input=$(mktemp -d)
trap 'rm -rf "$input"' EXIT
cp target/dualpath.jar target/lib/*.jar "$input/"
mkdir -p "$input/assets/models"
cp assets/models/*.zip "$input/assets/models/" 2>/dev/null || true
java_options="-Dprism.order=es2,sw -Xmx4g -XX:MaxGCPauseMillis=10"
# the command-line launcher: the jar's own main class (dualpath COMMAND ..., dualpath explore); on Linux it gets no
# menu entry (the templates in packaging/linux install the explorer's alone)
cat > "$input/dualpath.properties" <<PROPS
main-class=org.dualpath.app.DualPathMain
win-console=true
PROPS
args=(--name DualPathExplorer --app-version "${version:-1.0.0}" --dest "$out" --input "$input"
  --main-jar dualpath.jar --main-class org.dualpath.app.ExplorerLauncher --java-options "$java_options"
  --add-launcher "dualpath=$input/dualpath.properties"
  --description "Explore Dual-Path CNN image-text embeddings" --vendor "DualPath" --license-file LICENSE)
case "$type" in
  app-image) args+=(--type app-image --icon assets/icons/dualpath.png); rm -rf "$out/DualPathExplorer" ;;
  deb|rpm) args+=(--type "$type" --icon assets/icons/dualpath.png --linux-package-name dualpath-explorer
    --linux-shortcut --linux-menu-group "Science;Education" --linux-app-category science
    --resource-dir packaging/linux) ;;
  dmg|pkg) args+=(--type "$type") ;;
  msi|exe) args+=(--type "$type" --win-menu --win-shortcut --win-dir-chooser) ;;
esac
mkdir -p "$out"
jpackage "${args[@]}"
ls -l "$out"
