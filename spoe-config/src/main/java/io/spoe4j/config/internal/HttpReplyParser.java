package io.spoe4j.config.internal;

import io.spoe4j.acl.LogFormat;
import io.spoe4j.config.HttpAction;
import io.spoe4j.config.HttpAction.HeaderFormat;
import io.spoe4j.config.HttpAction.Payload;
import io.spoe4j.config.HttpAction.Reply;
import io.spoe4j.config.RuleDirection;
import io.spoe4j.config.internal.HttpActionParser.Parsed;
import io.spoe4j.config.internal.ParseContext.LineFailed;
import io.spoe4j.config.internal.RuleParser.RuleLine;
import io.spoe4j.config.internal.Tokenizer.Word;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * Parses the replies of {@code deny}, {@code tarpit} and {@code return} as HAProxy 2.6 does
 * ({@code parse_http_deny}, {@code http_parse_http_reply}): the legacy {@code deny [deny_status N]}
 * form answers the error page, any other argument builds a reply; payload files are read relative
 * to the haproxy.cfg directory and limited to {@code tune.bufsize}; {@code errorfile} contents
 * are checked. Also reads the files of the proxy keyword {@code errorfile}.
 */
final class HttpReplyParser {
    private enum Kind {
        EMPTY, ERRORFILES, DEFAULT, ERRORFILE, RAW, FORMAT
    }

    private final ParseContext ctx;
    private final Path baseDirectory;
    private final IntSupplier bufsize;
    private HttpActionParser formats;

    HttpReplyParser(ParseContext ctx, Path baseDirectory, IntSupplier bufsize) {
        this.ctx = ctx;
        this.baseDirectory = baseDirectory;
        this.bufsize = bufsize;
    }

    void formats(HttpActionParser parser) {
        this.formats = parser;
    }

    Parsed parse(RuleLine l) throws LineFailed {
        String action = l.text(l.action());
        int a = l.action();
        boolean isReturn = action.equals("return");
        int defaultStatus = isReturn ? 200 : action.equals("tarpit") ? 500
                : l.direction() == RuleDirection.HTTP_RESPONSE ? 502 : 403;
        if (!isReturn) {
            // no argument or only "deny_status N": the legacy form, HAProxy's error page for the status
            if (l.ends(a + 1)) {
                return new Parsed(action(action, new Reply(defaultStatus, Optional.empty(), new Payload.Default(),
                        List.of())), a + 1);
            }
            if (l.text(a + 1).equals("deny_status") && l.ends(a + 3)) {
                if (!l.has(a + 2)) {
                    throw formats.fail(l, l.word(a + 1), "'status' expects <status_code> as argument");
                }
                int status = status(l, a + 2);
                if (!Errorfiles.handled(status)) {
                    throw formats.fail(l, l.word(a + 2), "status code '" + status
                            + "' not handled by default with 'default-errorfiles' argument");
                }
                return new Parsed(action(action, new Reply(status, Optional.empty(), new Payload.Default(), List.of())),
                        a + 3);
            }
        }
        return reply(l, a + 1, defaultStatus, isReturn);
    }

    private static HttpAction action(String keyword, Reply reply) {
        return switch (keyword) {
            case "deny" -> new HttpAction.Deny(reply);
            case "tarpit" -> new HttpAction.Tarpit(reply);
            default -> new HttpAction.Return(reply);
        };
    }

    private int status(RuleLine l, int index) throws LineFailed {
        long status = Errorfiles.atol(l.text(index));
        if (status < 200 || status > 599) {
            throw formats.fail(l, l.word(index), "Unexpected status code '" + status + "'");
        }
        return (int) status;
    }

    /** {@code http_parse_http_reply}: status, content-type, one payload, hdr lines, in any order. */
    private Parsed reply(RuleLine l, int i, int defaultStatus, boolean isReturn) throws LineFailed {
        int status = defaultStatus;
        Word statusWord = null;
        String contentType = null;
        Kind kind = Kind.EMPTY;
        Word payloadWord = null;
        byte[] body = null;
        String formatText = null;
        Payload payload = null;
        List<HeaderFormat> headers = new ArrayList<>();
        Word firstHeader = null;
        boolean first = true;
        while (i < l.w().size()) {
            Word k = l.word(i);
            String kw = k.text();
            if (kw.equals("status") || first && !isReturn && kw.equals("deny_status")) {
                if (!l.has(i + 1)) {
                    throw formats.fail(l, k, "'status' expects <status_code> as argument");
                }
                status = status(l, i + 1);
                statusWord = l.word(i + 1);
                i += 2;
            } else if (kw.equals("content-type")) {
                if (!l.has(i + 1)) {
                    throw formats.fail(l, k, "'content-type' expects <ctype> as argument");
                }
                contentType = l.text(i + 1);
                i += 2;
            } else if (kw.equals("hdr")) {
                if (!l.has(i + 1) || !l.has(i + 2)) {
                    throw formats.fail(l, k, "'hdr' expects <name> and <value> as arguments");
                }
                String name = l.text(i + 1);
                if (name.equalsIgnoreCase("content-length") || name.equalsIgnoreCase("transfer-encoding")
                        || name.equalsIgnoreCase("content-type")) {
                    ctx.warn(l.n(), l.word(i + 1), "header '" + name + "' always ignored by the http reply.");
                } else {
                    headers.add(new HeaderFormat(name, formats.format(l, l.word(i + 2), l.text(i + 2), l.prefix(), true)));
                    firstHeader = firstHeader == null ? k : firstHeader;
                }
                i += 3;
            } else if (Arrays.asList("errorfiles", "default-errorfiles", "errorfile", "file", "string", "lf-file",
                    "lf-string").contains(kw)) {
                if (kind != Kind.EMPTY) {
                    throw formats.fail(l, k, "unexpected '" + kw + "' argument, '" + payloadWord.text() + "' already defined");
                }
                payloadWord = k;
                if (kw.equals("default-errorfiles")) {
                    kind = Kind.DEFAULT;
                    i++;
                    first = false;
                    continue;
                }
                if (!l.has(i + 1)) {
                    String arg = switch (kw) {
                        case "errorfiles" -> "<name>";
                        case "errorfile", "lf-string" -> "<fmt>";
                        case "string" -> "<str>";
                        default -> "<file>";
                    };
                    throw formats.fail(l, k, "'" + kw + "' expects " + arg + " as argument");
                }
                Word arg = l.word(i + 1);
                switch (kw) {
                    case "errorfiles" -> {
                        kind = Kind.ERRORFILES;
                        ctx.warn(l.n(), k, "'errorfiles " + arg.text() + "' of an http reply is not applied by spoe4j"
                                + " (http-errors sections are not read); the default error page is used.");
                    }
                    case "errorfile" -> {
                        kind = Kind.ERRORFILE;
                        payload = new Payload.Errorfile(arg.text(), errorfile(l.n(), arg, l.prefix()));
                    }
                    case "file", "lf-file" -> {
                        body = file(l, arg);
                        kind = kw.equals("file") ? Kind.RAW : Kind.FORMAT;
                        formatText = new String(body, StandardCharsets.UTF_8);
                    }
                    case "string" -> {
                        kind = Kind.RAW;
                        body = arg.text().getBytes(StandardCharsets.UTF_8);
                    }
                    default -> {
                        kind = Kind.FORMAT;
                        formatText = arg.text();
                    }
                }
                i += 2;
            } else {
                break;
            }
            first = false;
        }
        Optional<String> ctype = Optional.ofNullable(contentType);
        switch (kind) {
            case EMPTY -> {
                if (contentType != null) {
                    ctx.warn(l.n(), l.word(l.action()), "content-type '" + contentType + "' ignored by the http reply"
                            + " because neither errorfile nor payload defined.");
                    ctype = Optional.empty();
                }
                payload = new Payload.Empty();
            }
            case ERRORFILES, DEFAULT, ERRORFILE -> {
                if (kind != Kind.ERRORFILE && !Errorfiles.handled(status)) {
                    throw formats.fail(l, statusWord != null ? statusWord : payloadWord, "status code '" + status
                            + "' not handled by default with '" + payloadWord.text() + "' argument");
                }
                if (contentType != null) {
                    ctx.warn(l.n(), payloadWord, "content-type '" + contentType
                            + "' ignored by the http reply when used with an errorfile.");
                    ctype = Optional.empty();
                }
                if (!headers.isEmpty()) {
                    ctx.warn(l.n(), firstHeader, "hdr parameters ignored by the http reply when used with an errorfile.");
                    headers.clear();
                }
                payload = kind == Kind.ERRORFILE ? payload : new Payload.Default();
            }
            case RAW -> {
                if ((status == 204 || status == 304) && body.length > 0) {
                    throw formats.fail(l, statusWord, "No body expected for " + status + " responses");
                }
                if (contentType == null && body.length > 0) {
                    throw formats.fail(l, payloadWord, "a content type must be defined when non-empty payload is configured");
                }
                if (contentType != null && body.length == 0) {
                    ctx.warn(l.n(), payloadWord, "content-type '" + contentType
                            + "' ignored by the http reply when used with an empty payload.");
                    ctype = Optional.empty();
                }
                int size = bufsize.getAsInt();
                if (size - body.length < Math.min(1024, size / 2)) {
                    ctx.warn(l.n(), payloadWord, "http reply payload runs over the buffer space reserved to headers"
                            + " rewriting. It may lead to internal errors if strict rewriting mode is enabled.");
                }
                payload = new Payload.Constant(body);
            }
            case FORMAT -> {
                if (status == 204 || status == 304) {
                    throw formats.fail(l, statusWord, "No body expected for " + status + " responses");
                }
                if (contentType == null) {
                    throw formats.fail(l, payloadWord, "a content type must be defined with a log-format payload");
                }
                Word arg = l.word(l.w().indexOf(payloadWord) + 1);
                boolean inFile = payloadWord.text().equals("lf-file");
                payload = new Payload.Format(formats.format(l, arg, formatText, inFile
                        ? l.prefix() + "in '" + arg.text() + "': " : l.prefix(), !inFile));
            }
            default -> throw new IllegalStateException();
        }
        String keyword = l.text(l.action());
        return new Parsed(action(keyword, new Reply(status, ctype, payload, headers)), i);
    }

    /** The content of a {@code file}/{@code lf-file} payload, at most {@code tune.bufsize} bytes. */
    private byte[] file(RuleLine l, Word arg) throws LineFailed {
        byte[] content;
        try {
            content = Files.readAllBytes(resolve(arg.text()));
        } catch (IOException | InvalidPathException e) {
            throw formats.fail(l, arg, "error opening file '" + arg.text() + "'");
        }
        int size = bufsize.getAsInt();
        if (content.length > size) {
            throw formats.fail(l, arg, "file '" + arg.text() + "' exceeds the buffer size (" + content.length + " > "
                    + size + ")");
        }
        return content;
    }

    private Path resolve(String file) {
        return baseDirectory == null ? Path.of(file) : baseDirectory.resolve(file);
    }

    /**
     * Reads and checks the raw HTTP response of an {@code errorfile}; a file over
     * {@code tune.bufsize} is cut with HAProxy's warning. Errors read {@code prefix} first.
     */
    byte[] errorfile(int n, Word fileWord, String prefix) throws LineFailed {
        String file = fileWord.text();
        byte[] content;
        try {
            content = Files.readAllBytes(resolve(file));
        } catch (IOException | InvalidPathException e) {
            throw ctx.fail(n, fileWord, prefix + "error opening file '" + file + "'.");
        }
        int size = bufsize.getAsInt();
        if (content.length > size) {
            ctx.warn(n, fileWord, "custom error message file '" + file + "' larger than " + size + " bytes. Truncating.");
            content = Arrays.copyOf(content, size);
        }
        String problem = Errorfiles.check(content);
        if (problem != null) {
            throw ctx.fail(n, fileWord, prefix + "'" + file + "': " + problem + ".");
        }
        return content;
    }
}
