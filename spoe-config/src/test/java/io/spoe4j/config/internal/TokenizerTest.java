package io.spoe4j.config.internal;

import io.spoe4j.config.internal.Tokenizer.TokenException;
import io.spoe4j.config.internal.Tokenizer.Word;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TokenizerTest {
    private static final Map<String, String> ENV = Map.of("HOST", "example.com", "LIST", "a  b\tc", "EMPTY", "");

    private static List<String> words(String line) throws TokenException {
        return Tokenizer.words(line, Tokenizer.variables(ENV::get, "f.conf", 7, "spoe-agent")).stream()
                .map(Word::text).toList();
    }

    private static TokenException error(String line) {
        return assertThrows(TokenException.class, () -> words(line));
    }

    @Test
    void splitsOnBlanksAndSkipsLeadingOnes() throws Exception {
        assertEquals(List.of("timeout", "processing", "10ms"), words("  \ttimeout   processing\t10ms  "));
        assertEquals(List.of(), words("   "));
    }

    @Test
    void columnsAreOneBasedPositionsOfTheFirstCharacter() throws Exception {
        List<Word> w = Tokenizer.words("    args  a=b 'c d'", name -> null);
        assertEquals(List.of(5, 11, 15), w.stream().map(Word::column).toList());
    }

    @Test
    void commentsEndTheLineOutsideQuotesOnly() throws Exception {
        assertEquals(List.of("a", "b"), words("a b # c d"));
        assertEquals(List.of("a", "b"), words("a b#c"));
        assertEquals(List.of("a#b", "c # d"), words("a\\#b \"c # d\""));
        assertEquals(List.of(), words("# only a comment"));
    }

    @Test
    void singleQuotesAreVerbatim() throws Exception {
        assertEquals(List.of("$HOST \\t \"x\""), words("'$HOST \\t \"x\"'"));
    }

    @Test
    void doubleQuotesKeepBlanksAndExpandVariables() throws Exception {
        assertEquals(List.of("a example.com b"), words("\"a $HOST b\""));
        assertEquals(List.of("example.com:80"), words("\"${HOST}:80\""));
        assertEquals(List.of("pre-example.com-post"), words("pre-\"$HOST\"-post"));
        assertEquals(List.of("$HOST"), words("$HOST"), "unquoted variables are not expanded");
        assertEquals(List.of("$HOST"), words("\"\\$HOST\""));
    }

    @Test
    void undefinedVariablesAreEmptyAndDefaultsApply() throws Exception {
        assertEquals(List.of("a", "", "b"), words("a \"$NOPE\" b"));
        assertEquals(List.of("fallback"), words("\"${NOPE-fallback}\""));
        assertEquals(List.of("example.com"), words("\"${HOST-fallback}\""));
        assertEquals(List.of("a"), words("a \"$NOPE\""), "an empty last word is dropped, as in HAProxy");
    }

    @Test
    void wordExpansionSplitsOnBlanks() throws Exception {
        assertEquals(List.of("x", "a", "b", "c"), words("x \"${LIST[*]}\""));
    }

    @Test
    void internalVariables() throws Exception {
        assertEquals(List.of("7", "f.conf", "spoe-agent"), words("\"$.LINE\" \"$.FILE\" \"$.SECTION\""));
    }

    @Test
    void backslashEscapes() throws Exception {
        assertEquals(List.of("a b", "\\", "\t", "\n", "\r", "'", "\"", "A", "\\1"),
                words("a\\ b \\\\ \\t \\n \\r \\' \\\" \\x41 \\1"));
        assertEquals(List.of("\\$x"), words("\\$x"), "\\$ is an escape only inside double quotes");
    }

    @Test
    void emptyQuotedWordInTheMiddleIsKept() throws Exception {
        assertEquals(List.of("a", "", "b"), words("a \"\" b"));
    }

    @Test
    void errorsPointAtTheirColumn() {
        assertEquals(3, error("a \"bc").column());
        assertEquals(3, error("a 'bc").column());
        assertEquals(3, error("a \\xZ1").column());
        assertEquals(3, error("a \\x4").column());
        assertEquals(5, error("a \"${HOST\"").column());
        assertEquals(5, error("a \"$1\"").column());
        assertEquals(5, error("a \"$.NOPE\"").column());
        assertEquals(10, error("a \"${LIST[x]}\"").column());
    }

    @Test
    void linesJoinContinuationsAndKeepNumbers() {
        List<Tokenizer.Line> lines = Tokenizer.lines("a \\\n  b\nc\r\nd \\\\\ne");
        assertEquals(List.of(1, 3, 4, 5), lines.stream().map(Tokenizer.Line::number).toList());
        assertEquals("a   b", lines.get(0).text());
        assertEquals("d \\\\", lines.get(2).text());
    }
}
