package org.seedcast.feeds;

/**
 * Producer-typed text made safe for XML 1.0: the writer escapes markup ({@code & < > "}), but
 * characters XML 1.0 forbids outright (C0 controls other than tab, CR and LF, lone surrogates,
 * U+FFFE and U+FFFF) cannot be escaped at all, so they are dropped.
 *
 * @see <a href="https://www.w3.org/TR/xml/#charsets">XML 1.0, section 2.2 Characters</a>
 */
final class XmlText {

    private XmlText() {
    }

    static String clean(String text) {
        if (text == null) {
            return "";
        }
        for (int i = 0; i < text.length(); i++) {
            if (!allowed(text, i)) {
                return strip(text);
            }
        }
        return text;
    }

    private static String strip(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            if (allowed(text, i)) {
                out.append(text.charAt(i));
            }
        }
        return out.toString();
    }

    private static boolean allowed(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
        }
        return c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF);
    }
}
