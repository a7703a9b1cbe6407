package org.seedcast.web;

import java.util.Locale;
import org.springframework.stereotype.Component;

/** Formats byte counts for pages: {@code @sizes.human(episode.size)}. */
@Component("sizes")
public class Sizes {

    private static final String[] UNITS = {"B", "KB", "MB", "GB", "TB"};

    /** Decimal units, one decimal place: 1.4 GB. */
    public String human(Long bytes) {
        if (bytes == null || bytes < 0) {
            return "";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1000 && unit < UNITS.length - 1) {
            value /= 1000;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }
}
