package io.spoe4j.client;

import io.spoe4j.acl.Sample;
import java.util.HexFormat;
import java.util.Locale;

/**
 * How the gateway adapters expose SPOE variables as HTTP headers, the same way in every adapter:
 * {@code txn.coraza.action} with prefix {@code x-spoe-} becomes {@code x-spoe-txn-coraza-action},
 * and values are printed as HAProxy's {@code %[var()]} prints them (integers in decimal, booleans
 * as 0/1, addresses in their usual text form), except binary, which is hex so that a header stays
 * printable. Control characters in strings become spaces: a variable can never split a header.
 */
public final class VariableHeaders {
    /** The prefix adapters use unless configured otherwise. */
    public static final String DEFAULT_PREFIX = "x-spoe-";

    private VariableHeaders() {
    }

    /** The header name of variable {@code fullName} ({@code scope.prefix.name}) under {@code prefix}. */
    public static String name(String prefix, String fullName) {
        return prefix + fullName.toLowerCase(Locale.ROOT).replace('.', '-');
    }

    /** The header value of a variable. */
    public static String value(Sample sample) {
        if (sample instanceof Sample.Bin bin) {
            return HexFormat.of().formatHex(bin.bytes());
        }
        return printable(sample.asText());
    }

    private static String printable(String v) {
        StringBuilder sb = null;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                if (sb == null) {
                    sb = new StringBuilder(v);
                }
                sb.setCharAt(i, ' ');
            }
        }
        return sb == null ? v : sb.toString();
    }
}
