package io.spoe4j.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spoe4j.config.HttpAction.RequestLinePart;
import org.junit.jupiter.api.Test;

class RequestLineTest {

    @Test
    void pathKeepsTheQuery() {
        assertEquals("/b?x=1", RequestLine.rewrite("/a?x=1", RequestLinePart.PATH, "/b"));
        assertEquals("/b", RequestLine.rewrite("/a", RequestLinePart.PATH, "/b"));
    }

    @Test
    void pathqReplacesBoth() {
        assertEquals("/b?y", RequestLine.rewrite("/a?x=1", RequestLinePart.PATHQ, "/b?y"));
    }

    @Test
    void queryKeepsAnExistingQuestionMarkAndAddsOneOnlyForAQuery() {
        assertEquals("/a?y=2", RequestLine.rewrite("/a?x=1", RequestLinePart.QUERY, "y=2"));
        assertEquals("/a?", RequestLine.rewrite("/a?x=1", RequestLinePart.QUERY, ""));
        assertEquals("/a", RequestLine.rewrite("/a", RequestLinePart.QUERY, ""));
        assertEquals("/a?y", RequestLine.rewrite("/a", RequestLinePart.QUERY, "y"));
    }

    @Test
    void absoluteFormKeepsSchemeAndAuthority() {
        assertEquals("http://h:8/b?q", RequestLine.rewrite("http://h:8/a?q", RequestLinePart.PATH, "/b"));
        assertEquals("http://h/b", RequestLine.rewrite("http://h", RequestLinePart.PATH, "/b"));
        assertEquals("http://h/a?z", RequestLine.rewrite("http://h/a?q", RequestLinePart.QUERY, "z"));
    }

    @Test
    void uriReplacesEverything() {
        assertEquals("/x", RequestLine.rewrite("http://h/a?q", RequestLinePart.URI, "/x"));
    }
}
