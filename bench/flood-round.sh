# One round of the Revision3 replay, shared by bench/flood.sh and bench/flood-app.sh (sourced).
# Needs JAVA, WORK (with foreign.txt), CALM and SECONDS_TOTAL. The legitimate swarm (LegitSwarm.java)
# announces alone for CALM seconds, then 127.0.0.1 floods foreign announces over HTTP (wrk) and UDP
# (UdpLoad.java with FLOOD=1) for SECONDS_TOTAL seconds; prints what each side got.
#
# usage: flood_round PORT INFO_HASH [COMMAND...]   (COMMAND, e.g. a page client, runs from the start)
# "N on K of M sockets": the drops column of /proc/net/udp and udp6 for the sockets bound to PORT
udp_drops() {
  local hex
  hex=$(printf '%04X' "$1")
  cat /proc/net/udp /proc/net/udp6 | awk -v p=":$hex" '$2 ~ p"$" {n++; d+=$NF; if ($NF > 0) k++} END {printf "%d on %d of %d sockets", d, k, n}'
}

flood_round() {
  local port=$1 hash=$2
  shift 2
  local pids=()
  "$JAVA" bench/LegitSwarm.java 127.0.0.1 "$port" "$hash" "$((CALM + SECONDS_TOTAL))" 1000 20 "$CALM" > "$WORK/legit.out" &
  pids+=($!)
  if [ $# -gt 0 ]; then
    "$@" &
    pids+=($!)
  fi
  sleep "$CALM"
  wrk -t1 -c64 -d"${SECONDS_TOTAL}s" -s bench/announce.lua "http://127.0.0.1:$port" -- "$WORK/foreign.txt" > "$WORK/wrk.out" 2>&1 &
  pids+=($!)
  FLOOD=1 "$JAVA" bench/UdpLoad.java 127.0.0.1 "$port" "$WORK/foreign.txt" "$SECONDS_TOTAL" 1 1 > "$WORK/udp.out" 2>&1 &
  pids+=($!)
  wait "${pids[@]}" || true
  echo "  flood over HTTP: $(tail -1 "$WORK/wrk.out")"
  echo "  datagrams the kernel dropped at the tracker's full UDP sockets: $(udp_drops "$port")"
  echo "  flood over UDP:  $(tail -1 "$WORK/udp.out")"
  echo "  $(cat "$WORK/legit.out")"
}
