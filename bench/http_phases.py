"""Where a legitimate HTTP announce's time goes, as the kernel saw it (bench/abuse.sh PHASES=1).

usage: python3 bench/http_phases.py TRACE PORT
  TRACE   the text of the tracing instance abuse.sh kept while the shape's legitimate load ran:
          sock:inet_sock_set_state and tcp:tcp_rcv_space_adjust of connections to PORT

The legitimate clients (bench/LegitSwarm.java) connect from 127.0.1.x and up, the slow-connection
attackers (bench/Abuse.java) from 127.3.x.y. For each legitimate connection the phases are:
  handshake -> queued      the client's connect returned; its request arrived and the kernel put
                           the connection in the listening socket's accept queue (TCP_DEFER_ACCEPT
                           holds it back until the request arrives)
  queued -> first read     the tracker accepted it and read the request: the wait in the accept
                           queue and for the event loop
  first read -> close      the tracker answered and closed (the answer leaves with the FIN)
  close -> client FIN      loopback delivery
  client FIN -> close      the client read the answer and closed: the client's own scheduling
and the attackers' connections the kernel queued per second, to tell an attack's bursts.
"""
import collections
import re
import sys

EVENT = re.compile(r"\s(\d+\.\d+): (inet_sock_set_state|tcp_rcv_space_adjust): .*?sport=(\d+) dport=(\d+) "
                   r"saddr=([\d.]+) daddr=([\d.]+)(?:.*oldstate=(\w+) newstate=(\w+))?")
PHASES = [("handshake -> queued", "connected", "queued"), ("queued -> first read", "queued", "read"),
          ("first read -> close", "read", "closed"), ("close -> client FIN", "closed", "fin"),
          ("client FIN -> close", "fin", "done"), ("total", "connected", "done")]


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))]


def main():
    path, port = sys.argv[1], int(sys.argv[2])
    open_now, done = {}, []
    attackers = collections.Counter()  # second -> attacker connections queued for accept
    with open(path, errors="replace") as trace:
        for line in trace:
            m = EVENT.search(line)
            if not m:
                continue
            t, event, sport, dport, saddr, daddr, old, new = m.groups()
            t, sport, dport = float(t), int(sport), int(dport)
            server = sport == port
            client = (daddr, dport) if server else (saddr, sport)
            if client[1] == 0:
                continue
            queued = server and old == "TCP_SYN_RECV" and new == "TCP_ESTABLISHED"
            if client[0].startswith("127.3."):
                attackers[int(t)] += queued
                continue
            if not server and old == "TCP_SYN_SENT" and new == "TCP_ESTABLISHED":
                if client in open_now:
                    done.append(open_now[client])
                open_now[client] = {"connected": t}
                continue
            c = open_now.get(client)
            if c is None:
                continue
            if queued:
                c.setdefault("queued", t)
            elif server and event == "tcp_rcv_space_adjust":
                c.setdefault("read", t)
            elif server and old == "TCP_ESTABLISHED" and new == "TCP_FIN_WAIT1":
                c.setdefault("closed", t)
            elif not server and old == "TCP_ESTABLISHED" and new == "TCP_CLOSE_WAIT":
                c.setdefault("fin", t)
            elif not server and old == "TCP_CLOSE_WAIT" and new == "TCP_LAST_ACK":
                c.setdefault("done", t)
    done.extend(open_now.values())
    complete = [c for c in done if all(k in c for _, a, b in PHASES for k in (a, b))]
    if not complete:
        print("phases: no complete legitimate HTTP connection in the trace")
        return
    print(f"phases of {len(complete)} legitimate HTTP announces, ms p50 / p99 / max:")
    for name, a, b in PHASES:
        v = [(c[b] - c[a]) * 1000 for c in complete]
        print(f"  {name:22} {pct(v, .5):7.2f} {pct(v, .99):8.2f} {max(v):8.2f}")
    busy = [n for n in attackers.values() if n > 0]
    if busy:
        print(f"  attackers' connections queued: {sum(busy)} in {len(busy)} s, p50 {pct(busy, .5)}/s, "
              f"busiest second {max(busy)}")


if __name__ == "__main__":
    main()
