package io.spoe4j.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The builder-made attributes validate their input and keep response facts absent until set. */
class SimpleRequestAttributesTest {

    @Test
    void defaultsAreAPlainGetWithoutResponse() {
        SimpleRequestAttributes r = SimpleRequestAttributes.builder().build();
        assertEquals("GET", r.method());
        assertEquals("/", r.uri());
        assertEquals("1.1", r.httpVersion());
        assertEquals(-1, r.clientPort());
        assertNull(r.clientAddress());
        assertNull(r.requestBody());
        assertEquals(-1, r.responseStatus());
        assertNull(r.responseHeaders());
        assertNull(r.responseVersion());
        assertTrue(r.requestHeaders().isEmpty());
    }

    @Test
    void responseHeadersOnlyAppearWithAStatus() {
        SimpleRequestAttributes r = SimpleRequestAttributes.builder().responseHeader("a", "b").build();
        assertNull(r.responseHeaders());
        SimpleRequestAttributes withStatus = r.toBuilder().responseStatus(204).build();
        assertEquals(List.of(new HttpHeader("a", "b")), withStatus.responseHeaders());
        assertEquals("1.1", withStatus.responseVersion());
    }

    @Test
    void toBuilderKeepsEverything() {
        SimpleRequestAttributes r = Requests.full().build();
        SimpleRequestAttributes copy = r.toBuilder().build();
        assertEquals(r.requestHeaders(), copy.requestHeaders());
        assertEquals(r.clientAddress(), copy.clientAddress());
        assertEquals(r.tlsSni(), copy.tlsSni());
        assertEquals(r.variable("txn.coraza.app"), copy.variable("txn.coraza.app"));
        assertEquals(r.requestCookies(), copy.requestCookies());
    }

    @Test
    void invalidValuesAreRejectedAtOnce() {
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
                () -> SimpleRequestAttributes.builder().client(null, 70000));
        assertEquals("port must be between 0 and 65535 (or -1 for unknown): 70000", port.getMessage());
        IllegalArgumentException status = assertThrows(IllegalArgumentException.class,
                () -> SimpleRequestAttributes.builder().responseStatus(42));
        assertEquals("responseStatus must be a 3-digit status code: 42", status.getMessage());
        assertThrows(NullPointerException.class, () -> SimpleRequestAttributes.builder().method(null));
        assertThrows(IllegalArgumentException.class, () -> new HttpHeader("x", null));
    }

    @Test
    void cookiesAreParsedFromEveryCookieHeader() {
        SimpleRequestAttributes r = SimpleRequestAttributes.builder()
                .header("Cookie", "a=1; b = 2 ;c=")
                .header("cookie", "a=3;novalue")
                .build();
        assertEquals(List.of(new HttpHeader("a", "1"), new HttpHeader("b", "2"), new HttpHeader("c", ""),
                new HttpHeader("a", "3")), r.requestCookies());
    }

    @Test
    void sampleRecordsCompareByContent() {
        assertEquals(new Sample.Ipv4(new byte[] {1, 2, 3, 4}), new Sample.Ipv4(new byte[] {1, 2, 3, 4}));
        assertEquals(Sample.bin(new byte[] {1}).hashCode(), Sample.bin(new byte[] {1}).hashCode());
        assertEquals("Ipv4[1.2.3.4]", new Sample.Ipv4(new byte[] {1, 2, 3, 4}).toString());
        assertThrows(IllegalArgumentException.class, () -> new Sample.Ipv6(new byte[4]));
        assertThrows(IllegalArgumentException.class, () -> new Sample.Str(null));
    }
}
