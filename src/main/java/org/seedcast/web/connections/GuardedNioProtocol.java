package org.seedcast.web.connections;

import org.apache.coyote.Adapter;
import org.apache.coyote.Request;
import org.apache.coyote.Response;
import org.apache.coyote.UpgradeProtocol;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.SocketEvent;

/**
 * Tomcat's HTTP/1.1 NIO protocol with the web port's connection rules ({@link ConnectionRules}): at most
 * so many connections per address and in total, shedding the one idle longest at capacity, and a
 * deadline for each request head that trickled bytes do not extend. Public with a constructor without
 * arguments because Tomcat makes its protocol from the class name; {@link #guard} must be called
 * before the connector starts.
 * <p>
 * It speaks HTTP/1.1 only. Tomcat switches to HTTP/2 (an {@code h2c} upgrade, or a client's preface
 * with prior knowledge) before the request reaches the adapter, so these rules could not tell an
 * HTTP/2 connection's requests from its idling: it would either be cut at the head deadline however
 * busy, or, once let go, hold its slot for as long as it trickles frames (Tomcat's HTTP/2 timeouts
 * are per frame, not per request head). So an upgrade protocol ({@code server.http2.enabled}) is
 * refused, and the application does not start: HTTP/2 is the reverse proxy's to speak.
 */
public class GuardedNioProtocol extends Http11NioProtocol {

    public GuardedNioProtocol() {
        super(new GuardedEndpoint());
    }

    /** The rules this port's connections follow from its start. */
    public void guard(ConnectionRules rules) {
        ((GuardedEndpoint) getEndpoint()).guard(rules);
    }

    /** Connections open now; 0 before {@link #guard}. */
    public int openConnections() {
        Connections guard = ((GuardedEndpoint) getEndpoint()).connections();
        return guard == null ? 0 : guard.open();
    }

    /** Connections the port closed itself for {@code reason}; 0 before {@link #guard}. */
    public long closedConnections(Closed reason) {
        Connections guard = ((GuardedEndpoint) getEndpoint()).connections();
        return guard == null ? 0 : guard.closed(reason);
    }

    /** Refused, always: see above. */
    @Override
    public void addUpgradeProtocol(UpgradeProtocol upgradeProtocol) {
        throw new IllegalStateException("The web port speaks HTTP/1.1 only: its connection rules (seedcast.web.*) "
                + "cannot bound HTTP/2 connections. Leave server.http2.enabled off and let the reverse proxy speak "
                + "HTTP/2 (docs/hardening.md).");
    }

    /** The adapter is where a request arrives once its head is complete: the connection is then serving. */
    @Override
    public void setAdapter(Adapter adapter) {
        super.setAdapter(new HeadComplete(adapter));
    }

    private record HeadComplete(Adapter tomcat) implements Adapter {

        @Override
        public void service(Request req, Response res) throws Exception {
            Connections.headComplete();
            tomcat.service(req, res);
        }

        @Override
        public boolean prepare(Request req, Response res) throws Exception {
            return tomcat.prepare(req, res);
        }

        @Override
        public boolean asyncDispatch(Request req, Response res, SocketEvent status) throws Exception {
            return tomcat.asyncDispatch(req, res, status);
        }

        @Override
        public void log(Request req, Response res, long time) {
            tomcat.log(req, res, time);
        }

        @Override
        public void checkRecycled(Request req, Response res) {
            tomcat.checkRecycled(req, res);
        }

        @Override
        public String getDomain() {
            return tomcat.getDomain();
        }
    }
}
