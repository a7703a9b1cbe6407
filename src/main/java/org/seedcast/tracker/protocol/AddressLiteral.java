package org.seedcast.tracker.protocol;

import java.util.Arrays;

/**
 * Parses IP address literals without the name resolver: {@code InetAddress.getByName} looks up
 * anything that is not a literal it recognises, and hex words such as {@code dead.beef} or
 * {@code cafe} look enough like addresses to pass a character check, so a name would block the
 * calling thread (an event loop) on DNS. Strict forms only: IPv4 as a dotted quad of decimal
 * octets without leading zeros (RFC 6943 §3.1.1: the shortened and octal forms are ambiguous),
 * IPv6 as in RFC 4291 §2.2 (with {@code ::} and a trailing dotted quad), no zone id.
 */
public final class AddressLiteral {

    private AddressLiteral() {
    }

    /**
     * @return the 4 or 16 address bytes, an IPv4-mapped IPv6 address as its 4 IPv4 bytes (as
     *         {@code InetAddress} does); {@code null} when {@code text} is not such a literal
     */
    public static byte[] parse(String text) {
        if (text.isEmpty() || text.length() > 45) {
            return null;
        }
        byte[] bytes = text.indexOf(':') >= 0 ? ipv6(text) : ipv4(text);
        return bytes != null && bytes.length == 16 && mapped(bytes) ? Arrays.copyOfRange(bytes, 12, 16) : bytes;
    }

    private static byte[] ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0') || !digits(p)) {
                return null;
            }
            int value = Integer.parseInt(p);
            if (value > 255) {
                return null;
            }
            bytes[i] = (byte) value;
        }
        return bytes;
    }

    private static byte[] ipv6(String text) {
        int[] groups = new int[8];
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        String head = gap < 0 ? text : text.substring(0, gap);
        String tail = gap < 0 ? "" : text.substring(gap + 2);
        int[] front = groups(head, gap < 0);
        int[] back = groups(tail, true);
        if (front == null || back == null) {
            return null;
        }
        int count = front.length + back.length;
        if (gap < 0 ? count != 8 : count > 7) {
            return null;
        }
        System.arraycopy(front, 0, groups, 0, front.length);
        System.arraycopy(back, 0, groups, 8 - back.length, back.length);
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[2 * i] = (byte) (groups[i] >>> 8);
            bytes[2 * i + 1] = (byte) groups[i];
        }
        return bytes;
    }

    /** Colon-separated 16-bit groups; the last may be a dotted quad (two groups) if {@code mayEndInIpv4}. */
    private static int[] groups(String text, boolean mayEndInIpv4) {
        if (text.isEmpty()) {
            return new int[0];
        }
        String[] parts = text.split(":", -1);
        String last = parts[parts.length - 1];
        boolean quad = last.indexOf('.') >= 0;
        if (quad && !mayEndInIpv4) {
            return null;
        }
        int[] values = new int[parts.length + (quad ? 1 : 0)];
        for (int i = 0; i < parts.length - (quad ? 1 : 0); i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 4 || !hex(p)) {
                return null;
            }
            values[i] = Integer.parseInt(p, 16);
        }
        if (quad) {
            byte[] v4 = ipv4(last);
            if (v4 == null) {
                return null;
            }
            values[parts.length - 1] = (v4[0] & 0xFF) << 8 | (v4[1] & 0xFF);
            values[parts.length] = (v4[2] & 0xFF) << 8 | (v4[3] & 0xFF);
        }
        return values;
    }

    private static boolean mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xFF && b[11] == (byte) 0xFF;
    }

    private static boolean digits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean hex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
