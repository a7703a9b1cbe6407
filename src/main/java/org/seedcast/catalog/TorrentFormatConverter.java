package org.seedcast.catalog;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

@Converter(autoApply = true)
class TorrentFormatConverter implements AttributeConverter<TorrentFormat, String> {

    @Override
    public String convertToDatabaseColumn(TorrentFormat format) {
        return format == null ? null : format.code();
    }

    @Override
    public TorrentFormat convertToEntityAttribute(String code) {
        return code == null ? null : TorrentFormat.parse(code);
    }
}
