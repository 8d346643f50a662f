package io.spoe4j.acl.internal;

/** Literal IPv4/IPv6 parsing and formatting without name resolution. */
public final class Ips {
    private Ips() {
    }

    /** Parses a dotted-quad IPv4 literal; null if it is not one. */
    public static byte[] parseV4(CharSequence s, int from, int to) {
        byte[] out = new byte[4];
        int part = 0;
        int i = from;
        while (part < 4) {
            int start = i;
            int v = 0;
            while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9' && i - start < 3) {
                v = v * 10 + (s.charAt(i) - '0');
                i++;
            }
            if (i == start || v > 255) {
                return null;
            }
            out[part++] = (byte) v;
            if (part < 4) {
                if (i >= to || s.charAt(i) != '.') {
                    return null;
                }
                i++;
            }
        }
        return i == to ? out : null;
    }

    public static byte[] parseV4(String s) {
        return parseV4(s, 0, s.length());
    }

    /** Parses an IPv6 literal (with {@code ::} and an optional dotted IPv4 tail); null if invalid. */
    public static byte[] parseV6(String s) {
        int len = s.length();
        if (len < 2) {
            return null;
        }
        int[] groups = new int[8];
        int count = 0;
        int gap = -1;
        int i = 0;
        if (s.startsWith("::")) {
            gap = 0;
            i = 2;
            if (i == len) {
                return new byte[16];
            }
        } else if (s.charAt(0) == ':') {
            return null;
        }
        while (i < len) {
            if (count == 8) {
                return null;
            }
            int start = i;
            int v = 0;
            while (i < len && i - start < 4 && Character.digit(s.charAt(i), 16) >= 0) {
                v = (v << 4) | Character.digit(s.charAt(i), 16);
                i++;
            }
            if (i < len && s.charAt(i) == '.') {
                if (count > 6) {
                    return null;
                }
                byte[] v4 = parseV4(s, start, len);
                if (v4 == null) {
                    return null;
                }
                groups[count++] = ((v4[0] & 0xFF) << 8) | (v4[1] & 0xFF);
                groups[count++] = ((v4[2] & 0xFF) << 8) | (v4[3] & 0xFF);
                i = len;
                break;
            }
            if (i == start) {
                return null;
            }
            groups[count++] = v;
            if (i == len) {
                break;
            }
            if (s.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < len && s.charAt(i) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = count;
                i++;
                if (i == len) {
                    break;
                }
            } else if (i == len) {
                return null;
            }
        }
        if (gap < 0 ? count != 8 : count > 7) {
            return null;
        }
        byte[] out = new byte[16];
        int tail = gap < 0 ? 0 : count - gap;
        int head = gap < 0 ? count : gap;
        for (int g = 0; g < head; g++) {
            out[2 * g] = (byte) (groups[g] >> 8);
            out[2 * g + 1] = (byte) groups[g];
        }
        for (int g = 0; g < tail; g++) {
            int pos = 8 - tail + g;
            out[2 * pos] = (byte) (groups[head + g] >> 8);
            out[2 * pos + 1] = (byte) groups[head + g];
        }
        return out;
    }

    public static String formatV4(byte[] a) {
        return (a[0] & 0xFF) + "." + (a[1] & 0xFF) + "." + (a[2] & 0xFF) + "." + (a[3] & 0xFF);
    }

    /** RFC 5952 text form (what inet_ntop prints): lower-case, longest zero run as {@code ::}. */
    public static String formatV6(byte[] a) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((a[2 * i] & 0xFF) << 8) | (a[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8;) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder(39);
        if (bestStart == 0 && (bestLen == 6 || (bestLen == 5 && g[5] == 0xFFFF))) {
            sb.append(bestLen == 6 ? "::" : "::ffff:");
            return sb.append(formatV4(new byte[] {a[12], a[13], a[14], a[15]})).toString();
        }
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    /** {@code ::ffff:a.b.c.d} for an IPv4 address. */
    public static byte[] v4ToV6(byte[] v4) {
        byte[] out = new byte[16];
        out[10] = (byte) 0xFF;
        out[11] = (byte) 0xFF;
        System.arraycopy(v4, 0, out, 12, 4);
        return out;
    }

    /**
     * The IPv4 address an IPv6 one carries, as HAProxy's {@code v6tov4}: IPv4-mapped
     * ({@code ::ffff:a.b.c.d}) or 6to4 ({@code 2002:AABB:CCDD::}); null otherwise.
     */
    public static byte[] v6ToV4(byte[] v6) {
        boolean mapped = v6[10] == (byte) 0xFF && v6[11] == (byte) 0xFF;
        for (int i = 0; i < 10 && mapped; i++) {
            mapped = v6[i] == 0;
        }
        if (mapped) {
            return new byte[] {v6[12], v6[13], v6[14], v6[15]};
        }
        if (v6[0] == 0x20 && v6[1] == 0x02) {
            return new byte[] {v6[2], v6[3], v6[4], v6[5]};
        }
        return null;
    }
}
