package io.spoe4j.acl.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * An indexed set of IPv4 and IPv6 networks. Every network becomes an address interval; the
 * intervals are sorted and merged, so a lookup is one binary search over primitive arrays
 * (17 steps for 100,000 networks) and allocates nothing. Only "is the address in any network"
 * is answered, which is all an ACL needs.
 */
final class IpRanges {
    private final long[] v4Start;
    private final long[] v4End;
    private final long[] v6StartHi;
    private final long[] v6StartLo;
    private final long[] v6EndHi;
    private final long[] v6EndLo;
    private final long[] maskedAddr;
    private final long[] maskedMask;

    private IpRanges(long[] v4Start, long[] v4End, long[][] v6, long[][] masked) {
        this.maskedAddr = masked[0];
        this.maskedMask = masked[1];
        this.v4Start = v4Start;
        this.v4End = v4End;
        this.v6StartHi = v6[0];
        this.v6StartLo = v6[1];
        this.v6EndHi = v6[2];
        this.v6EndLo = v6[3];
    }

    int size() {
        return v4Start.length + v6StartHi.length + maskedAddr.length;
    }

    /** Collects networks, then {@link #build()}s the index. */
    static final class Builder {
        private final List<long[]> v4 = new ArrayList<>();
        private final List<long[]> v6 = new ArrayList<>();
        private final List<long[]> masked = new ArrayList<>();

        /** An IPv4 network with a non-contiguous mask: kept in a list, as HAProxy does. */
        void addV4Masked(byte[] address, byte[] mask) {
            long m = toLong(mask, 0, 4);
            masked.add(new long[] {toLong(address, 0, 4) & m, m});
        }

        void addV4(byte[] address, int prefix) {
            long a = toLong(address, 0, 4);
            long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
            long start = a & mask;
            v4.add(new long[] {start, start | (~mask & 0xFFFFFFFFL)});
        }

        void addV6(byte[] address, int prefix) {
            long hi = toLong(address, 0, 8);
            long lo = toLong(address, 8, 8);
            long maskHi = prefix >= 64 ? -1L : prefix == 0 ? 0 : -1L << (64 - prefix);
            long maskLo = prefix <= 64 ? 0 : prefix == 128 ? -1L : -1L << (128 - prefix);
            v6.add(new long[] {hi & maskHi, lo & maskLo, hi | ~maskHi, lo | ~maskLo});
        }

        IpRanges build() {
            v4.sort(Comparator.comparingLong((long[] r) -> r[0]));
            List<long[]> m4 = new ArrayList<>();
            for (long[] r : v4) {
                long[] last = m4.isEmpty() ? null : m4.get(m4.size() - 1);
                if (last != null && r[0] <= last[1] + 1) {
                    last[1] = Math.max(last[1], r[1]);
                } else {
                    m4.add(r.clone());
                }
            }
            long[] s4 = new long[m4.size()];
            long[] e4 = new long[m4.size()];
            for (int i = 0; i < s4.length; i++) {
                s4[i] = m4.get(i)[0];
                e4[i] = m4.get(i)[1];
            }
            v6.sort((x, y) -> compare(x[0], x[1], y[0], y[1]));
            List<long[]> m6 = new ArrayList<>();
            for (long[] r : v6) {
                long[] last = m6.isEmpty() ? null : m6.get(m6.size() - 1);
                if (last != null && adjacentOrOverlapping(last, r)) {
                    if (compare(r[2], r[3], last[2], last[3]) > 0) {
                        last[2] = r[2];
                        last[3] = r[3];
                    }
                } else {
                    m6.add(r.clone());
                }
            }
            long[][] cols = new long[4][m6.size()];
            for (int i = 0; i < m6.size(); i++) {
                for (int c = 0; c < 4; c++) {
                    cols[c][i] = m6.get(i)[c];
                }
            }
            long[][] list = new long[2][masked.size()];
            for (int i = 0; i < masked.size(); i++) {
                list[0][i] = masked.get(i)[0];
                list[1][i] = masked.get(i)[1];
            }
            return new IpRanges(s4, e4, cols, list);
        }

        /** Whether r starts at or before last's end + 1. */
        private static boolean adjacentOrOverlapping(long[] last, long[] r) {
            if (compare(r[0], r[1], last[2], last[3]) <= 0) {
                return true;
            }
            long nextLo = last[3] + 1;
            long nextHi = nextLo == 0 ? last[2] + 1 : last[2];
            return !(last[2] == -1L && last[3] == -1L) && r[0] == nextHi && r[1] == nextLo;
        }
    }

    boolean containsV4(byte[] address) {
        long a = toLong(address, 0, 4);
        int i = Arrays.binarySearch(v4Start, a);
        if (i < 0) {
            i = -i - 2;
        }
        if (i >= 0 && a <= v4End[i]) {
            return true;
        }
        for (int k = 0; k < maskedAddr.length; k++) {
            if ((a & maskedMask[k]) == maskedAddr[k]) {
                return true;
            }
        }
        return false;
    }

    boolean containsV6(byte[] address) {
        long hi = toLong(address, 0, 8);
        long lo = toLong(address, 8, 8);
        int low = 0;
        int high = v6StartHi.length - 1;
        int found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (compare(v6StartHi[mid], v6StartLo[mid], hi, lo) <= 0) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return found >= 0 && compare(hi, lo, v6EndHi[found], v6EndLo[found]) <= 0;
    }

    boolean hasV4() {
        return v4Start.length > 0 || maskedAddr.length > 0;
    }

    boolean hasV6() {
        return v6StartHi.length > 0;
    }

    static int compare(long hi1, long lo1, long hi2, long lo2) {
        int c = Long.compareUnsigned(hi1, hi2);
        return c != 0 ? c : Long.compareUnsigned(lo1, lo2);
    }

    private static long toLong(byte[] b, int off, int len) {
        long v = 0;
        for (int i = 0; i < len; i++) {
            v = (v << 8) | (b[off + i] & 0xFF);
        }
        return v;
    }
}
