#!/usr/bin/env bash
# Makes docs/screenshots/welcome.png and docs/screenshots/cluster-map.png from the packaged app, with a throw-away
# user.home (so data and java.util.prefs land there; a user's own settings are never touched).
#
#   mvn -B -q -DskipTests package && app/screenshots.sh
#
# welcome.png: the welcome screen with saved connections. cluster-map.png: a launch after a session that created
# four replicated topics on the local three-node cluster (prepared by ScreenshotSeed through the app's own
# ClusterGateway); groups.png: the consumer groups tab with two live consumers of one group (GroupsScreenshotSeed,
# below). Partita reopens the last
# connection by itself, as it does for a user. SCREENSHOT overrides the screenshot tool.
set -euo pipefail
cd "$(dirname "$0")/.."
shot=${SCREENSHOT:-../shared/tools/screenshot}
jar=app/target/partita.jar
cp="$jar:app/target/lib/*"
opens=(--add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED)
seed=app/src/test/java/io/partita/app/ScreenshotSeed.java
[ -f "$jar" ] || { echo "build first: mvn -B -q -DskipTests package" >&2; exit 1; }

home=$(mktemp -d)
node="io/partita/screenshots"
trap 'rm -rf "$home"' EXIT
mkdir -p docs/screenshots

# welcome.png: three saved connections, the one used last (SASL_SSL, SCRAM) filling the Connect form.
java -Duser.home="$home" "${opens[@]}" -cp "$cp" "$seed" --profiles "$node" "$home/.partita"
"$shot" --wait 12 docs/screenshots/welcome.png -- java -Duser.home="$home" -Dpartita.prefs="$node" -jar "$jar"

java -Duser.home="$home" "${opens[@]}" -cp "$cp" "$seed" "$home/.partita" "$node"
"$shot" --wait 45 docs/screenshots/cluster-map.png -- java -Duser.home="$home" -Dpartita.prefs="$node" -jar "$jar"
# messages.png: the same cluster, the browser searching all of payments' partitions from offset 10 for refunds
# (MessagesScreenshot runs the search);
# replay.png: its replay window, replaying the EUR payments of all three partitions (interleaved by time, a cursor
# on each partition's offset axis) into the app, paused (saved as JavaFX
# draws it: the virtual display paints dialog windows black). The launchers are test classes (mvn package builds them).
"$shot" --wait 45 docs/screenshots/messages.png -- java -Duser.home="$home" -Dpartita.prefs="$node" "${opens[@]}" \
  -cp "$cp:app/target/test-classes" io.partita.app.browse.MessagesScreenshot payments 10
"$shot" --wait 45 "$home/replay-screen.png" -- java -Duser.home="$home" -Dpartita.prefs="$node" "${opens[@]}" \
  -cp "$cp:app/target/test-classes" io.partita.app.browse.MessagesScreenshot payments 10 replay \
  "$PWD/docs/screenshots/replay.png" all
# partition-log.png: orders partition 0 chosen on the map, its follower on broker 2 stopped and 400 more records
# written (PartitionLogScreenshot does both): that replica down, the high watermark gone on without it.
"$shot" --wait 25 docs/screenshots/partition-log.png -- java -Duser.home="$home" -Dpartita.prefs="$node" "${opens[@]}" \
  -cp "$cp:app/target/test-classes" io.partita.app.cluster.PartitionLogScreenshot orders 0 2 400
# timeline.png: the same, then the follower started again, the timeline opened and scrubbed back to the moment it
# left the ISR.
"$shot" --wait 30 docs/screenshots/timeline.png -- java -Duser.home="$home" -Dpartita.prefs="$node" "${opens[@]}" \
  -cp "$cp:app/target/test-classes" io.partita.app.cluster.PartitionLogScreenshot orders 0 2 400 timeline
# groups.png: live members exist only while consumers run, so GroupsScreenshotSeed keeps a cluster with two
# consumers busy meanwhile (and points Partita at it, on the groups tab); 60 s give the lag chart its line.
groups_seed=app/src/test/java/io/partita/app/groups/GroupsScreenshotSeed.java
java -Duser.home="$home" "${opens[@]}" -cp "$cp" "$groups_seed" "$home/.partita" "$node" >"$home/groups-seed.log" 2>&1 &
seed_pid=$!
trap 'kill $seed_pid 2>/dev/null; wait $seed_pid 2>/dev/null || true; rm -rf "$home"' EXIT
until grep -q '^ready' "$home/groups-seed.log"; do
  kill -0 $seed_pid 2>/dev/null || { cat "$home/groups-seed.log" >&2; exit 1; }
  sleep 1
done
"$shot" --wait 60 docs/screenshots/groups.png -- java -Duser.home="$home" -Dpartita.prefs="$node" -jar "$jar"
echo "saved docs/screenshots/welcome.png, cluster-map.png, messages.png, replay.png, partition-log.png, timeline.png and groups.png"
