package org.seedcast.torrent.bencode;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A strict bencode decoder (BEP 3) for untrusted bytes. It accepts only the canonical encoding,
 * so every value it returns re-encodes to the very bytes it came from, and it rejects: unsorted
 * or duplicate keys, {@code i-0e}, {@code i03e}, {@code ie}, integers past {@code long},
 * string lengths with leading zeros or past the end of input, truncated input, trailing bytes,
 * nesting past {@code maxDepth}, more than {@code maxTokens} values, inputs over {@code maxBytes}.
 * A claimed length is checked against the bytes left before anything is allocated for it.
 * Thread-safe: each call decodes with its own cursor.
 * <p>
 * {@link #lenient()} relaxes one rule for messages read for a few keys rather than hashed, such as
 * a peer's extension handshake (BEP 10): a dictionary's keys may come in any order (a repeated key:
 * the last one counts), and such a value no longer re-encodes to its bytes. {@link #decodeFirst}
 * reads the value at the start of its input and leaves what follows, as BEP 9 appends a metadata
 * piece to its dictionary.
 *
 * @see <a href="https://www.bittorrent.org/beps/bep_0003.html">BEP 3</a>
 */
public final class BencodeDecoder {

    /** libtorrent's limits: depth 100, 2 M tokens; 10 MiB covers any single-file torrent. */
    public static final int DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
    public static final int DEFAULT_MAX_DEPTH = 100;
    public static final int DEFAULT_MAX_TOKENS = 2_000_000;

    private final int maxBytes;
    private final int maxDepth;
    private final int maxTokens;
    private final boolean anyKeyOrder;

    public BencodeDecoder(int maxBytes, int maxDepth, int maxTokens) {
        this(maxBytes, maxDepth, maxTokens, false);
    }

    private BencodeDecoder(int maxBytes, int maxDepth, int maxTokens, boolean anyKeyOrder) {
        this.maxBytes = maxBytes;
        this.maxDepth = maxDepth;
        this.maxTokens = maxTokens;
        this.anyKeyOrder = anyKeyOrder;
    }

    /** This decoder with the same limits, taking a dictionary's keys in any order. */
    public BencodeDecoder lenient() {
        return new BencodeDecoder(maxBytes, maxDepth, maxTokens, true);
    }

    /** The default limits. */
    public static BencodeDecoder strict() {
        return new BencodeDecoder(DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, DEFAULT_MAX_TOKENS);
    }

    /** Decodes exactly one value filling all of {@code input}. */
    public BValue decode(byte[] input) {
        BValue root = decodeFirst(input);
        int end = root.span().orElseThrow().length();
        if (end < input.length) {
            throw new BencodeException("trailing bytes after the root value", end);
        }
        return root;
    }

    /** Decodes the value at the start of {@code input}; its span says where the bytes after it begin. */
    public BValue decodeFirst(byte[] input) {
        if (input.length > maxBytes) {
            throw new BencodeException("input of " + input.length + " bytes is over the cap of "
                    + maxBytes, maxBytes);
        }
        return new Cursor(input).value(0);
    }

    private final class Cursor {

        private final byte[] input;
        private int position;
        private int tokens;

        Cursor(byte[] input) {
            this.input = input;
        }

        BValue value(int depth) {
            if (++tokens > maxTokens) {
                throw new BencodeException("more than " + maxTokens + " values", position);
            }
            int start = position;
            return switch (peek("a value")) {
                case 'i' -> integer(start);
                case 'l' -> list(start, depth + 1);
                case 'd' -> dict(start, depth + 1);
                default -> {
                    if (isDigit(peek("a value"))) {
                        yield string();
                    }
                    throw new BencodeException("expected i, l, d or a digit, found "
                            + describe(input[position]), position);
                }
            };
        }

        private BInteger integer(int start) {
            position++;
            long value = number(start, 'e', true);
            return new BInteger(value, spanFrom(start));
        }

        private BString string() {
            int start = position;
            long length = number(start, ':', false);
            if (length > input.length - position) {
                throw new BencodeException("string length " + length + " runs past the end of input ("
                        + (input.length - position) + " bytes left)", start);
            }
            byte[] bytes = new byte[(int) length];
            System.arraycopy(input, position, bytes, 0, bytes.length);
            position += bytes.length;
            return new BString(bytes, spanFrom(start));
        }

        private BList list(int start, int depth) {
            checkDepth(depth);
            position++;
            List<BValue> values = new ArrayList<>();
            while (peek("a list value or e") != 'e') {
                values.add(value(depth));
            }
            position++;
            return new BList(values, spanFrom(start));
        }

        private BDict dict(int start, int depth) {
            checkDepth(depth);
            position++;
            TreeMap<BString, BValue> entries = new TreeMap<>();
            BString previous = null;
            while (peek("a dictionary key or e") != 'e') {
                BString key = key();
                if (previous != null && previous.compareTo(key) >= 0 && !anyKeyOrder) {
                    String problem = previous.equals(key) ? "duplicate key " : "unsorted key ";
                    throw new BencodeException(problem + key, key.span().orElseThrow().offset());
                }
                entries.put(key, value(depth));
                previous = key;
            }
            position++;
            return new BDict(entries, spanFrom(start));
        }

        private BString key() {
            if (!isDigit(input[position])) {
                throw new BencodeException("dictionary key must be a byte string, found "
                        + describe(input[position]), position);
            }
            tokens++;
            return string();
        }

        /** Canonical decimal up to {@code terminator}: no leading zeros, no -0, fits a long. */
        private long number(int start, char terminator, boolean signed) {
            boolean negative = signed && peek("a digit") == '-';
            if (negative) {
                position++;
            }
            int firstDigit = position;
            long value = 0;
            while (peek("a digit or " + terminator) != terminator) {
                byte b = input[position];
                if (!isDigit(b)) {
                    throw new BencodeException("expected a digit or " + terminator + ", found "
                            + describe(b), position);
                }
                value = accumulate(value, b - '0', negative, start);
                position++;
            }
            checkCanonical(start, firstDigit, negative);
            position++;
            return value;
        }

        private long accumulate(long value, int digit, boolean negative, int start) {
            try {
                long shifted = Math.multiplyExact(value, 10);
                return negative ? Math.subtractExact(shifted, digit) : Math.addExact(shifted, digit);
            } catch (ArithmeticException e) {
                throw new BencodeException("integer overflows 64 bits", start);
            }
        }

        private void checkCanonical(int start, int firstDigit, boolean negative) {
            int digits = position - firstDigit;
            if (digits == 0) {
                throw new BencodeException("empty number", start);
            }
            if (digits > 1 && input[firstDigit] == '0') {
                throw new BencodeException("number with a leading zero", start);
            }
            if (negative && input[firstDigit] == '0') {
                throw new BencodeException("negative zero", start);
            }
        }

        private void checkDepth(int depth) {
            if (depth > maxDepth) {
                throw new BencodeException("nesting deeper than " + maxDepth, position);
            }
        }

        private byte peek(String expected) {
            if (position >= input.length) {
                throw new BencodeException("truncated input: expected " + expected, position);
            }
            return input[position];
        }

        private Span spanFrom(int start) {
            return new Span(start, position - start);
        }
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static String describe(byte b) {
        return b >= 0x21 && b < 0x7f ? "'" + (char) b + "'" : String.format("0x%02x", b & 0xff);
    }
}
