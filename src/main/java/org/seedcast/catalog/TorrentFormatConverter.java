package org.seedcast.catalog;

import java.util.Locale;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import org.seedcast.torrent.TorrentFormat;

/**
 * A show's torrent format as the API and the database spell it: {@code v1} (the default, every
 * client) or {@code hybrid} (v1+v2).
 */
@Converter(autoApply = true)
public class TorrentFormatConverter implements AttributeConverter<TorrentFormat, String> {

    /** {@code v1} or {@code hybrid}. */
    public static String code(TorrentFormat format) {
        return format.name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws InvalidInputException for anything but {@code v1}, {@code hybrid} or nothing (v1)
     */
    public static TorrentFormat parse(String code) {
        if (code == null || code.isBlank()) {
            return TorrentFormat.V1;
        }
        for (TorrentFormat format : TorrentFormat.values()) {
            if (format.name().equalsIgnoreCase(code.trim())) {
                return format;
            }
        }
        throw new InvalidInputException("torrentFormat", "torrentFormat must be v1 or hybrid");
    }

    @Override
    public String convertToDatabaseColumn(TorrentFormat format) {
        return format == null ? null : code(format);
    }

    @Override
    public TorrentFormat convertToEntityAttribute(String code) {
        return code == null ? null : parse(code);
    }
}
