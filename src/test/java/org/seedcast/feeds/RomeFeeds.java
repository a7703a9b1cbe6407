package org.seedcast.feeds;

import java.io.ByteArrayInputStream;
import java.util.List;

import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.io.WireFeedInput;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.xml.sax.InputSource;

/** Our feeds as ROME, an independent parser, reads them; namespaced extras come back as foreign markup. */
final class RomeFeeds {

    static final Namespace PODCAST = Namespace.getNamespace("podcast", FeedXml.PODCAST);
    static final Namespace TORRENT = Namespace.getNamespace("torrent", FeedXml.TORRENT);
    static final Namespace ATOM = Namespace.getNamespace("atom", FeedXml.ATOM);

    private RomeFeeds() {
    }

    static Channel parse(byte[] xml) {
        try {
            return (Channel) new WireFeedInput().build(new InputSource(new ByteArrayInputStream(xml)));
        } catch (Exception e) {
            throw new AssertionError("ROME could not read the feed: " + e.getMessage() + "\n" + new String(xml,
                    java.nio.charset.StandardCharsets.UTF_8), e);
        }
    }

    /** The one foreign element {@code name} in {@code ns}. */
    static Element foreign(List<Element> markup, Namespace ns, String name) {
        List<Element> found = all(markup, ns, name);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + ns.getPrefix() + ":" + name + ", found " + found.size()
                    + " in " + markup.stream().map(Element::getQualifiedName).toList());
        }
        return found.get(0);
    }

    static List<Element> all(List<Element> markup, Namespace ns, String name) {
        return markup.stream().filter(e -> e.getName().equals(name) && e.getNamespaceURI().equals(ns.getURI())).toList();
    }
}
