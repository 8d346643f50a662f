package io.spoe4j.acl;

import io.spoe4j.SpoeException;

/**
 * Every error compiling a sample expression, ACL or condition. It names where the problem is
 * (the word and the character offset inside it) and what was expected, so the config parser
 * can turn it into {@code file:line:column} with a caret.
 */
public final class ExpressionException extends SpoeException {
    private static final long serialVersionUID = 1L;

    private final int wordIndex;
    private final int offset;
    private final String reason;

    public ExpressionException(int wordIndex, int offset, String reason) {
        super("word " + wordIndex + ", offset " + offset + ": " + reason);
        this.wordIndex = wordIndex;
        this.offset = offset;
        this.reason = reason;
    }

    /** Index into the words given (0 for {@link AclCompiler#sample(String)}). */
    public int wordIndex() {
        return wordIndex;
    }

    /** Character offset inside that word (or inside the text) where the problem is. */
    public int offset() {
        return offset;
    }

    /** The message without position, e.g. {@code unknown fetch 'scr', did you mean 'src'?}. */
    public String reason() {
        return reason;
    }

    /** The same error moved by {@code wordShift} words and {@code offsetShift} characters. */
    public ExpressionException shifted(int wordShift, int offsetShift) {
        return new ExpressionException(wordIndex + wordShift, offset + offsetShift, reason);
    }
}
