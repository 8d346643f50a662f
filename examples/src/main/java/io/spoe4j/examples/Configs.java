package io.spoe4j.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The configuration files the examples ship in src/main/resources, as files on disk. */
public final class Configs {

    private Configs() {
    }

    /** HAProxy's IP-reputation example ({@code spoe-iprep.conf}, scope {@code [iprep]}), copied to a temporary file. */
    public static Path iprep() {
        return copy("spoe-iprep.conf");
    }

    static Path copy(String resource) {
        try (InputStream in = Configs.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("resource not found: " + resource);
            }
            Path file = Files.createTempFile("spoe4j-", "-" + resource);
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
