package org.seedcast.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.rometools.modules.atom.modules.AtomLinkModule;
import com.rometools.modules.itunes.EntryInformation;
import com.rometools.modules.itunes.FeedInformation;
import com.rometools.modules.itunes.ITunes;
import com.rometools.modules.mediarss.MediaEntryModule;
import com.rometools.modules.mediarss.MediaModule;
import com.rometools.modules.mediarss.types.MediaContent;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import org.jdom2.Element;
import org.junit.jupiter.api.Test;
import org.seedcast.catalog.TorrentLinks;

/** The writers' output read back by ROME: every field, namespaced ones included, and hostile text. */
class FeedWritersTests {

    static final String HOSTILE = "Tom & Jerry <script>alert('x')</script> \"quoted\" 🎬 שלום עולם ]]> \u0007end";
    static final String HOSTILE_READ = "Tom & Jerry <script>alert('x')</script> \"quoted\" 🎬 שלום עולם ]]> end";
    static final String SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    static final Instant PUBLISHED = Instant.parse("2026-03-04T05:06:07Z");
    static final UUID GUID = UUID.fromString("5f0c8f3e-7d7a-4a55-9d3b-2a1f4e6c9b10");

    @Test
    void podcastFeedCarriesEveryFieldAPodcastAppReads() {
        Channel channel = RomeFeeds.parse(PodcastFeedWriter.write(feed(HOSTILE)));

        assertThat(channel.getTitle()).isEqualTo(HOSTILE_READ);
        assertThat(channel.getLink()).isEqualTo("https://tv.example/shows/s");
        assertThat(channel.getLanguage()).isEqualTo("he");
        assertThat(channel.getLastBuildDate()).isEqualTo(Date.from(PUBLISHED));
        FeedInformation show = (FeedInformation) channel.getModule(ITunes.URI);
        assertThat(show.getAuthor()).isEqualTo("Studio & Co");
        assertThat(show.getExplicit()).isFalse();
        assertThat(show.getImageUri()).isEqualTo("https://tv.example/shows/s/artwork");
        assertThat(show.getCategories()).singleElement().satisfies(c -> assertThat(c.getName()).isEqualTo("Arts"));
        assertThat(channel.getImage().getUrl()).isEqualTo("https://tv.example/shows/s/artwork");
        assertThat(RomeFeeds.foreign(channel.getForeignMarkup(), RomeFeeds.PODCAST, "guid").getText())
                .isEqualTo(PodcastGuid.of("https://tv.example/shows/s/feed.xml").toString());
        assertThat(((AtomLinkModule) channel.getModule(AtomLinkModule.URI)).getLinks()).singleElement().satisfies(self -> {
            assertThat(self.getHref()).isEqualTo("https://tv.example/shows/s/feed.xml");
            assertThat(self.getRel()).isEqualTo("self");
            assertThat(self.getType()).isEqualTo("application/rss+xml");
        });

        Item item = channel.getItems().get(0);
        assertThat(item.getTitle()).isEqualTo(HOSTILE_READ);
        assertThat(item.getDescription().getValue()).isEqualTo("Notes with <b>markup</b> & more");
        assertThat(item.getGuid().getValue()).isEqualTo(GUID.toString());
        assertThat(item.getGuid().isPermaLink()).isFalse();
        assertThat(item.getPubDate()).isEqualTo(Date.from(PUBLISHED));
        assertThat(item.getLink()).isEqualTo("https://tv.example/shows/s/episodes/7");
        assertThat(item.getEnclosures()).singleElement().satisfies(e -> {
            assertThat(e.getUrl()).isEqualTo("https://tv.example/media/7/Pilot.mp4");
            assertThat(e.getLength()).isEqualTo(1_234_567_890_123L);
            assertThat(e.getType()).isEqualTo("video/mp4");
        });
        EntryInformation episode = (EntryInformation) item.getModule(ITunes.URI);
        assertThat(episode.getDuration().getMilliseconds()).as("itunes:duration").isEqualTo(3_723_000L);
        assertThat(episode.getImageUri()).as("itunes:image").isEqualTo("https://tv.example/shows/s/episodes/7/poster.jpg");
        assertThat(episode.getSeason()).isEqualTo(2);
        assertThat(episode.getEpisode()).isEqualTo(5);
        assertThat(RomeFeeds.foreign(item.getForeignMarkup(), RomeFeeds.PODCAST, "season").getText()).isEqualTo("2");
        assertThat(RomeFeeds.foreign(item.getForeignMarkup(), RomeFeeds.PODCAST, "episode").getText()).isEqualTo("5");

        Element chapters = RomeFeeds.foreign(item.getForeignMarkup(), RomeFeeds.PODCAST, "chapters");
        assertThat(chapters.getAttributeValue("url")).isEqualTo("https://tv.example/shows/s/episodes/7/chapters.json");
        assertThat(chapters.getAttributeValue("type")).isEqualTo("application/json+chapters");
        Element transcript = RomeFeeds.foreign(item.getForeignMarkup(), RomeFeeds.PODCAST, "transcript");
        assertThat(transcript.getAttributeValue("url")).isEqualTo("https://tv.example/shows/s/episodes/7/transcript.vtt");
        assertThat(transcript.getAttributeValue("type")).isEqualTo("text/vtt");

        Element alternate = RomeFeeds.foreign(item.getForeignMarkup(), RomeFeeds.PODCAST, "alternateEnclosure");
        assertThat(alternate.getAttributeValue("type")).isEqualTo("video/mp4");
        assertThat(alternate.getAttributeValue("length")).isEqualTo("1234567890123");
        assertThat(alternate.getChild("integrity", RomeFeeds.PODCAST).getAttributeValue("value"))
                .isEqualTo("sha256-n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=");
        List<Element> sources = alternate.getChildren("source", RomeFeeds.PODCAST);
        assertThat(sources).extracting(s -> s.getAttributeValue("uri"))
                .containsExactly("https://tv.example/torrents/" + "ab".repeat(20) + ".torrent",
                        "magnet:?xt=urn:btih:" + "ab".repeat(20) + "&dn=Pilot.mp4&tr=udp%3A%2F%2Ft");
        assertThat(sources.get(0).getAttributeValue("contentType")).isEqualTo("application/x-bittorrent");
    }

    @Test
    void torrentFeedEnclosesTheTorrentWithItsOwnSizeAndTheEzrssElements() {
        Channel channel = RomeFeeds.parse(TorrentFeedWriter.write(feed(HOSTILE)));

        assertThat(channel.getTitle()).isEqualTo(HOSTILE_READ);
        Item item = channel.getItems().get(0);
        assertThat(item.getTitle()).isEqualTo(HOSTILE_READ);
        assertThat(item.getGuid().getValue()).isEqualTo(GUID.toString());
        assertThat(item.getEnclosures()).singleElement().satisfies(e -> {
            assertThat(e.getUrl()).isEqualTo("https://tv.example/torrents/" + "ab".repeat(20) + ".torrent");
            assertThat(e.getLength()).isEqualTo(4321);
            assertThat(e.getType()).isEqualTo("application/x-bittorrent");
        });
        List<Element> markup = item.getForeignMarkup();
        assertThat(RomeFeeds.foreign(markup, RomeFeeds.TORRENT, "infoHash").getText()).isEqualTo("ab".repeat(20));
        assertThat(RomeFeeds.foreign(markup, RomeFeeds.TORRENT, "magnetURI").getText())
                .isEqualTo("magnet:?xt=urn:btih:" + "ab".repeat(20) + "&dn=Pilot.mp4&tr=udp%3A%2F%2Ft");
        assertThat(RomeFeeds.foreign(markup, RomeFeeds.TORRENT, "contentLength").getText()).isEqualTo("1234567890123");
        assertThat(RomeFeeds.foreign(markup, RomeFeeds.TORRENT, "fileName").getText()).isEqualTo("Pilot.mp4.torrent");

        MediaContent content = ((MediaEntryModule) item.getModule(MediaModule.URI)).getMediaContents()[0];
        assertThat(content.getReference().toString()).isEqualTo("https://tv.example/media/7/Pilot.mp4");
        assertThat(content.getFileSize()).isEqualTo(1_234_567_890_123L);
        assertThat(content.getType()).isEqualTo("video/mp4");
        assertThat(content.getDuration()).isEqualTo(3_723L);
        assertThat(content.getWidth()).isEqualTo(1280);
        assertThat(content.getHeight()).isEqualTo(720);
        assertThat(content.getMetadata().getThumbnail()).singleElement()
                .satisfies(t -> assertThat(t.getUrl()).hasToString("https://tv.example/shows/s/episodes/7/poster.jpg"));
        assertThat(content.getMetadata().getHash().getAlgorithm()).isEqualTo("sha-256");
        assertThat(content.getMetadata().getHash().getValue()).isEqualTo(SHA256);
    }

    @Test
    void torrentFeedLeavesOutEpisodesThatHaveNoTorrentYet() {
        Feed feed = feed("Show");
        Feed.Item item = feed.items().get(0);
        Feed.Item withoutTorrent = new Feed.Item(UUID.randomUUID(), "No torrent", "", item.link(), PUBLISHED, null, null,
                false, "x.mp4", item.mediaUrl(), "video/mp4", 10, null, null, null, null, null, null, null, null);
        Feed both = new Feed(feed.title(), feed.link(), feed.description(), null, null, null, false, null,
                feed.selfUrl(), PUBLISHED, List.of(withoutTorrent, item));

        assertThat(RomeFeeds.parse(TorrentFeedWriter.write(both)).getItems()).extracting(Item::getTitle)
                .containsExactly("Show");
        assertThat(RomeFeeds.parse(PodcastFeedWriter.write(both)).getItems()).extracting(Item::getTitle)
                .containsExactly("No torrent", "Show");
    }

    @Test
    void hostileTextIsEscapedNeverMarkup() {
        String xml = new String(PodcastFeedWriter.write(feed(HOSTILE)), StandardCharsets.UTF_8);

        assertThat(xml).doesNotContain("<script>").contains("&lt;script&gt;").contains("Tom &amp; Jerry")
                .contains("🎬").contains("שלום").doesNotContain("\u0007");
    }

    @Test
    void datesAreRfc822InGmtWithEnglishNames() {
        assertThat(Rfc822.format(Instant.parse("2026-01-05T09:08:07Z"))).isEqualTo("Mon, 05 Jan 2026 09:08:07 GMT");
    }

    @Test
    void podcastGuidMatchesTheNamespaceSpecExample() {
        // The example in https://podcastindex.org/namespace/1.0#guid
        assertThat(PodcastGuid.of("https://mp3s.nashownotes.com/pc20rss.xml"))
                .hasToString("917393e3-1b1e-5cef-ace4-edaa54e1f810");
        assertThat(PodcastGuid.of("http://mp3s.nashownotes.com/pc20rss.xml/"))
                .isEqualTo(PodcastGuid.of("https://mp3s.nashownotes.com/pc20rss.xml"));
    }

    @Test
    void opmlListsEveryFeedAsAnRssOutline() throws Exception {
        byte[] opml = OpmlWriter.write("Seedcast feeds", PUBLISHED, List.of(
                new OpmlWriter.Entry(HOSTILE, "https://tv.example/shows/s/feed.xml", "https://tv.example/shows/s")));
        org.w3c.dom.Document doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(opml));

        org.w3c.dom.Element outline = (org.w3c.dom.Element) doc.getElementsByTagName("outline").item(0);
        assertThat(doc.getDocumentElement().getAttribute("version")).isEqualTo("2.0");
        assertThat(outline.getAttribute("type")).isEqualTo("rss");
        assertThat(outline.getAttribute("text")).isEqualTo(HOSTILE_READ);
        assertThat(outline.getAttribute("xmlUrl")).isEqualTo("https://tv.example/shows/s/feed.xml");
    }

    static Feed feed(String title) {
        TorrentLinks.Links torrent = new TorrentLinks.Links("ab".repeat(20), null,
                "magnet:?xt=urn:btih:" + "ab".repeat(20) + "&dn=Pilot.mp4&tr=udp%3A%2F%2Ft",
                "https://tv.example/torrents/" + "ab".repeat(20) + ".torrent", 4321);
        Feed.Item item = new Feed.Item(GUID, title, "Notes with <b>markup</b> & more", "https://tv.example/shows/s/episodes/7",
                PUBLISHED, 2, 5, false, "Pilot.mp4", "https://tv.example/media/7/Pilot.mp4", "video/mp4",
                1_234_567_890_123L, SHA256, torrent, "https://tv.example/shows/s/episodes/7/chapters.json",
                "https://tv.example/shows/s/episodes/7/transcript.vtt", 3_723L, 1280, 720,
                "https://tv.example/shows/s/episodes/7/poster.jpg");
        return new Feed(title, "https://tv.example/shows/s", "About the show", "he", "Studio & Co", "Arts", false,
                "https://tv.example/shows/s/artwork", "https://tv.example/shows/s/feed.xml", PUBLISHED, List.of(item));
    }
}
