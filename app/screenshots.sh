#!/usr/bin/env bash
# Makes docs/screenshots/welcome.png and docs/screenshots/topics.png from the packaged app, in a throw-away
# Partita home and preferences node (a user's own settings are never touched).
#
#   mvn -B -q -DskipTests package && app/screenshots.sh
#
# welcome.png: a first launch. topics.png: a launch after a session that created four topics on the local
# cluster (prepared by ScreenshotSeed through the app's own ClusterGateway); Partita reopens the last
# connection by itself, as it does for a user. SCREENSHOT overrides the screenshot tool.
set -euo pipefail
cd "$(dirname "$0")/.."
shot=${SCREENSHOT:-/work/shared/tools/screenshot}
jar=app/target/partita.jar
cp="$jar:app/target/lib/*"
seed=app/src/test/java/io/partita/app/ScreenshotSeed.java
[ -f "$jar" ] || { echo "build first: mvn -B -q -DskipTests package" >&2; exit 1; }

home=$(mktemp -d)
node="io/partita/screenshots-$$"
trap 'java -cp "$cp" "$seed" --remove "$node" >/dev/null 2>&1 || true; rm -rf "$home"' EXIT
mkdir -p docs/screenshots

"$shot" --wait 8 docs/screenshots/welcome.png -- java -Dpartita.home="$home" -Dpartita.prefs="$node" -jar "$jar"

java -cp "$cp" "$seed" "$home" "$node"
"$shot" --wait 20 docs/screenshots/topics.png -- java -Dpartita.home="$home" -Dpartita.prefs="$node" -jar "$jar"
echo "saved docs/screenshots/welcome.png and docs/screenshots/topics.png"
