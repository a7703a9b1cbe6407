package org.seedcast.feeds;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A thin, unchecked layer over the JDK's {@link XMLStreamWriter}, which escapes text and
 * attribute values itself; every string a producer typed also passes {@link XmlText#clean}.
 * The JDK factory is asked for by name so that a StAX implementation on the class path cannot
 * change the bytes we cache and hash.
 */
final class FeedXml {

    static final String ATOM = "http://www.w3.org/2005/Atom";
    static final String ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd";
    static final String PODCAST = "https://podcastindex.org/namespace/1.0";
    static final String TORRENT = "http://xmlns.ezrss.it/0.1/";
    static final String MEDIA = "http://search.yahoo.com/mrss/";

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newDefaultFactory();

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 * 1024);
    private final XMLStreamWriter xml;

    FeedXml() {
        try {
            xml = FACTORY.createXMLStreamWriter(bytes, StandardCharsets.UTF_8.name());
            xml.writeStartDocument(StandardCharsets.UTF_8.name(), "1.0");
        } catch (XMLStreamException e) {
            throw new IllegalStateException("the JDK's StAX writer is unavailable", e);
        }
    }

    /** Opens an element; {@code ns} is {@code null} for RSS 2.0's own unprefixed elements. */
    FeedXml start(String ns, String prefix, String name) {
        try {
            if (ns == null) {
                xml.writeStartElement(name);
            } else {
                xml.writeStartElement(prefix, name, ns);
            }
            return this;
        } catch (XMLStreamException e) {
            throw failed(e);
        }
    }

    FeedXml start(String name) {
        return start(null, null, name);
    }

    FeedXml namespace(String prefix, String ns) {
        try {
            xml.writeNamespace(prefix, ns);
            return this;
        } catch (XMLStreamException e) {
            throw failed(e);
        }
    }

    /** An attribute, skipped when {@code value} is {@code null}. */
    FeedXml attribute(String name, Object value) {
        if (value == null) {
            return this;
        }
        try {
            xml.writeAttribute(name, XmlText.clean(value.toString()));
            return this;
        } catch (XMLStreamException e) {
            throw failed(e);
        }
    }

    FeedXml text(Object value) {
        try {
            xml.writeCharacters(XmlText.clean(value.toString()));
            return this;
        } catch (XMLStreamException e) {
            throw failed(e);
        }
    }

    FeedXml end() {
        try {
            xml.writeEndElement();
            return this;
        } catch (XMLStreamException e) {
            throw failed(e);
        }
    }

    /** {@code <name>value</name>}, skipped when {@code value} is {@code null} or blank. */
    FeedXml element(String ns, String prefix, String name, Object value) {
        if (value == null || value.toString().isBlank()) {
            return this;
        }
        return start(ns, prefix, name).text(value).end();
    }

    FeedXml element(String name, Object value) {
        return element(null, null, name, value);
    }

    /** An element with attributes and no content, e.g. {@code <enclosure url=… />}. */
    FeedXml empty(String ns, String prefix, String name, Object... attributes) {
        start(ns, prefix, name);
        for (int i = 0; i < attributes.length; i += 2) {
            attribute((String) attributes[i], attributes[i + 1]);
        }
        return end();
    }

    byte[] finish() {
        try {
            xml.writeEndDocument();
            xml.close();
            return bytes.toByteArray();
        } catch (XMLStreamException e) {
            throw failed(e);
        }
    }

    private static IllegalStateException failed(XMLStreamException e) {
        return new IllegalStateException("could not write the feed", e);
    }
}
