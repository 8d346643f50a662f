package io.spoe4j.http.actions;

import io.spoe4j.acl.Sample;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * A variable as HAProxy hands it to Lua ({@code txn:get_var}, hlua_smp2lua): nil when unset, a
 * boolean, an integer, or a byte string (strings, binaries, addresses in text form); and the
 * conversions the Lua C API applies when a script passes it on ({@code luaL_checkstring},
 * {@code luaL_checkinteger}, {@code tonumber}). A null result, or a {@link LuaError}, means the
 * script would stop with a runtime error, after which HAProxy goes on with the next rule.
 */
final class LuaValues {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern HEX = Pattern.compile("([+-]?)0[xX]([0-9a-fA-F]+)");
    private static final Pattern FLOAT = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");

    private LuaValues() {
    }

    /** The bytes of a value Lua sees as a string (str, bin, address); null for nil, booleans, integers. */
    static byte[] string(Sample s) {
        if (s instanceof Sample.Bin b) {
            return b.bytes();
        }
        if (s == null || s instanceof Sample.Bool || s instanceof Sample.Int) {
            return null;
        }
        return s.asText().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code luaL_checkstring}: strings, and integers in decimal; null (an error) for nil and booleans. */
    static byte[] checkString(Sample s) {
        if (s instanceof Sample.Int i) {
            return Long.toString(i.value()).getBytes(StandardCharsets.US_ASCII);
        }
        return string(s);
    }

    /** {@link #checkString(Sample)}, throwing a {@link LuaError} naming {@code variable} where Lua fails. */
    static byte[] checkString(Sample s, String variable) {
        byte[] b = checkString(s);
        if (b == null) {
            throw new LuaError(variable + (s == null ? " is not set" : " is a boolean, not a string"));
        }
        return b;
    }

    /**
     * {@code luaL_checkinteger} (and {@code tonumber} before it): integers, or strings holding a Lua
     * numeral with an integral value; null (an error) otherwise.
     */
    static Long checkInteger(Sample s) {
        if (s instanceof Sample.Int i) {
            return i.value();
        }
        byte[] text = string(s);
        return text == null ? null : integerOf(new String(text, StandardCharsets.ISO_8859_1));
    }

    /** A Lua numeral (decimal or hexadecimal integer, or a float with an integral value), blanks around allowed. */
    static Long integerOf(String text) {
        String t = stripLuaSpace(text);
        if (DECIMAL.matcher(t).matches()) {
            try {
                return Long.parseLong(t);
            } catch (NumberFormatException overflow) {
                // Lua reads it as a float then
            }
        }
        var hex = HEX.matcher(t);
        if (hex.matches()) {
            long v = new BigInteger(hex.group(2), 16).longValue(); // Lua wraps around
            return hex.group(1).equals("-") ? -v : v;
        }
        if (FLOAT.matcher(t).matches()) {
            double d = Double.parseDouble(t);
            if (d == Math.rint(d) && d >= -0x1p63 && d < 0x1p63) {
                return (long) d;
            }
        }
        return null;
    }

    /** Trims Lua's (C locale's) white space: space, \t, \n, \v, \f, \r. */
    static String stripLuaSpace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isLuaSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isLuaSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    static boolean isLuaSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    /** Where the Lua script would stop with a runtime error; the message says why. */
    static final class LuaError extends RuntimeException {
        LuaError(String message) {
            super(message, null, false, false);
        }
    }
}
