#!/usr/bin/env bash
# What reading an upload's media facts costs: the ffprobe and ffmpeg runs Seedcast makes (MediaProbe), with
# the same arguments, on a 720p H.264/AAC file of SECONDS seconds (default 60), ROUNDS times each (default 5).
# Needs Debian's ffmpeg. Prints the median wall time of the facts (ffprobe) and of the poster frame (ffmpeg).
set -euo pipefail
SECONDS_LONG=${1:-60}
ROUNDS=${ROUNDS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ffmpeg -v error -nostdin -y -f lavfi -i testsrc=size=1280x720:rate=25 -f lavfi -i sine=frequency=440 \
  -t "$SECONDS_LONG" -c:v libx264 -preset ultrafast -c:a aac "$work/clip.mp4"
at=$(awk "BEGIN { printf \"%.3f\", $SECONDS_LONG / 10 }")
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
now() { date +%s%N; }
probe=() poster=()
for _ in $(seq "$ROUNDS"); do
  t0=$(now)
  ffprobe -v error -protocol_whitelist file -i "file:$work/clip.mp4" -of json \
    -show_entries format=format_name,duration:stream=codec_type,codec_name,width,height:stream_disposition=attached_pic >/dev/null
  t1=$(now)
  ffmpeg -v error -nostdin -y -ss "$at" -protocol_whitelist file -i "file:$work/clip.mp4" -map 0:V:0 -frames:v 1 \
    -an -sn -vf 'scale=w=min(1280\,iw):h=-2' -q:v 4 -f image2 -c:v mjpeg "$work/poster.jpg"
  t2=$(now)
  probe+=($(( (t1 - t0) / 1000000 ))) poster+=($(( (t2 - t1) / 1000000 )))
done
echo "file: $(stat -c %s "$work/clip.mp4") bytes, ${SECONDS_LONG} s of 1280x720 H.264 + AAC; poster $(stat -c %s "$work/poster.jpg") bytes"
echo "facts (ffprobe): median $(printf '%s\n' "${probe[@]}" | median) ms of $ROUNDS"
echo "poster (ffmpeg): median $(printf '%s\n' "${poster[@]}" | median) ms of $ROUNDS"
