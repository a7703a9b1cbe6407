package org.seedcast.catalog;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.seedcast.torrent.TorrentFormat;

/** A show: its public description, its torrent format, and the producers who manage it (by account id). */
@Entity
@Table(name = "shows")
class Show {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true)
    private String slug;

    @Column(nullable = false)
    private String title;

    @Column(nullable = false)
    private String description;

    @Column(nullable = false)
    private String author;

    @Column(nullable = false)
    private String language;

    @Column(nullable = false)
    private String category;

    private boolean explicit;

    @Column(name = "torrent_format", nullable = false)
    private TorrentFormat torrentFormat;

    @Column(name = "artwork_id")
    private UUID artworkId;

    @Column(name = "artwork_type")
    private String artworkType;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private int version;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "show_producers", joinColumns = @JoinColumn(name = "show_id"))
    @Column(name = "account_id")
    private Set<Long> producerIds = new HashSet<>();

    protected Show() {
    }

    Show(ShowDetails details, Instant now) {
        this.slug = details.slug();
        this.torrentFormat = details.torrentFormat();
        this.createdAt = now;
        describe(details, now);
    }

    /** Everything but the slug and torrent format may change; those are fixed at creation. */
    void describe(ShowDetails details, Instant now) {
        this.title = details.title();
        this.description = details.description();
        this.author = details.author();
        this.language = details.language();
        this.category = details.category();
        this.explicit = details.explicit();
        this.updatedAt = now;
    }

    void replaceArtwork(UUID mediaId, String type, Instant now) {
        this.artworkId = mediaId;
        this.artworkType = type;
        this.updatedAt = now;
    }

    boolean isManagedBy(long accountId) {
        return producerIds.contains(accountId);
    }

    void addProducer(long accountId) {
        producerIds.add(accountId);
    }

    void removeProducer(long accountId) {
        producerIds.remove(accountId);
    }

    TorrentFormat getTorrentFormat() {
        return torrentFormat;
    }

    Long getId() {
        return id;
    }

    String getSlug() {
        return slug;
    }

    String getTitle() {
        return title;
    }

    UUID getArtworkId() {
        return artworkId;
    }

    String getArtworkType() {
        return artworkType;
    }

    Instant getUpdatedAt() {
        return updatedAt;
    }

    ShowView view() {
        return new ShowView(id, slug, title, description, author, language, category, explicit,
                TorrentFormatConverter.code(torrentFormat), artworkId != null, Set.copyOf(producerIds), createdAt, updatedAt);
    }
}
