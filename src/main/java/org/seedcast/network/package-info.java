/**
 * What the node's listeners (the web port, the tracker, the seed) agree on about the addresses that
 * reach them: the key their per-address limits count by. Plain Java, no beans.
 */
@ApplicationModule(allowedDependencies = {})
package org.seedcast.network;

import org.springframework.modulith.ApplicationModule;
