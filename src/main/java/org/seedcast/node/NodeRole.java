package org.seedcast.node;

/** One part of Seedcast that a node may run ({@code SEEDCAST_ROLES} names them in lower case). */
public enum NodeRole {

    /** Pages, feeds, the studio, the REST API, uploads and the web seed, in the servlet container. */
    WEB,
    /** The HTTP and UDP tracker's listeners. */
    TRACKER,
    /** The BitTorrent seed's listener. */
    SEEDER
}
