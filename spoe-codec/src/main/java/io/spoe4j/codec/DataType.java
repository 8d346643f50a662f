package io.spoe4j.codec;

/** The low nibble of a typed-data header byte. */
public enum DataType {
    NULL(0, "null"),
    BOOL(1, "bool"),
    INT32(2, "int32"),
    UINT32(3, "uint32"),
    INT64(4, "int64"),
    UINT64(5, "uint64"),
    IPV4(6, "ipv4"),
    IPV6(7, "ipv6"),
    STRING(8, "str"),
    BINARY(9, "bin");

    private static final DataType[] BY_CODE = values();

    private final int code;
    private final String label;

    DataType(int code, String label) {
        this.code = code;
        this.label = label;
    }

    public int code() {
        return code;
    }

    /** Short lower-case name used on the command line and in JSON output ({@code str}, {@code uint32}, ...). */
    public String label() {
        return label;
    }

    /** The type of a code 0-9, or {@code null} for the reserved codes 10-15. */
    public static DataType of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** The type whose {@link #label()} is the given word, or {@code null}. */
    public static DataType ofLabel(String label) {
        for (DataType t : BY_CODE) {
            if (t.label.equals(label)) {
                return t;
            }
        }
        return null;
    }
}
