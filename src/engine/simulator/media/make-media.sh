#!/usr/bin/env bash
# Generates the engine simulator's test stream: 8 MPEG-TS segments of 4 s (seg-0.mpegts … seg-7.mpegts),
# 32 s in all, that media.ts loops forever with shifted timestamps.
#
# Why these choices:
# - H.264 baseline + AAC in MPEG-TS is what the real engine serves for most live channels, and every player
#   (VLC, Kodi, hls.js, Jellyfin) reads it without transcoding.
# - One IDR at each segment start (fixed GOP of 4 s, no scene cuts) so any segment, and any loop of the
#   segments, is a valid place to start playback.
# - 32 s is exactly 1500 AAC frames at 48 kHz and 800 frames at 25 fps: with the audio cut at 1500 frames (the
#   encoder adds one priming frame otherwise) audio and video both loop without a gap or an overlap.
# - The burnt-in clock and frame counter show at a glance whether a player skips, repeats or stalls.
# - Small bitrates keep the committed files near 1 MB. The outputs are committed: tests never need ffmpeg.
#
# Usage: src/engine/simulator/media/make-media.sh   (needs ffmpeg with libx264; drawtext is optional)
set -euo pipefail
cd "$(dirname "$0")"

SECONDS_TOTAL=32
SEGMENT=4
FONT=/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf

video="testsrc2=size=320x180:rate=25"
overlay=""
if ffmpeg -hide_banner -filters 2>/dev/null | grep -q ' drawtext ' && [ -f "$FONT" ]; then
  overlay=",drawtext=fontfile=${FONT}:fontsize=18:fontcolor=white:box=1:boxcolor=black@0.6:x=8:y=8:text='acehub sim %{pts\\:hms} f%{n}'"
fi

rm -f seg-*.mpegts
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ffmpeg -hide_banner -loglevel error -y \
  -f lavfi -i "${video}${overlay}" \
  -f lavfi -i "sine=frequency=440:beep_factor=4:sample_rate=48000" \
  -t "$SECONDS_TOTAL" \
  -map 0:v -map 1:a \
  -c:v libx264 -profile:v baseline -level 3.0 -pix_fmt yuv420p -preset medium \
  -b:v 200k -maxrate 260k -bufsize 400k \
  -r 25 -g $((SEGMENT * 25)) -keyint_min $((SEGMENT * 25)) -sc_threshold 0 \
  -force_key_frames "expr:gte(t,n_forced*${SEGMENT})" \
  -c:a aac -b:a 64k -ac 2 -ar 48000 -frames:a $((SECONDS_TOTAL * 48000 / 1024)) \
  -f hls -hls_time "$SEGMENT" -hls_list_size 0 -hls_segment_type mpegts \
  -hls_segment_filename 'seg-%d.mpegts' \
  "$tmp/index.m3u8"

ls -l seg-*.mpegts
