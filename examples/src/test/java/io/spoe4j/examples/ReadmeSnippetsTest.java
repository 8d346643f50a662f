package io.spoe4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README cannot drift from the examples: every code block announced by
 * {@code <!-- snippet: NAME -->} must be, line for line, the region between
 * {@code // README:NAME:start} and {@code // README:NAME:end} of this module's sources, with the
 * region's common indentation removed; and every region is shown.
 */
class ReadmeSnippetsTest {

    private static final Pattern START = Pattern.compile("^\\s*// README:([\\w-]+):start\\s*$");
    private static final Pattern BLOCK = Pattern.compile(
            "<!-- snippet: ([\\w-]+) -->\\n```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyReadmeSnippetIsAMarkedRegionOfTheExamples() throws IOException {
        Map<String, String> regions = regions();
        assertFalse(regions.isEmpty(), "no README:NAME:start markers found");
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher m = BLOCK.matcher(readme);
        List<String> shown = new ArrayList<>();
        while (m.find()) {
            String name = m.group(1);
            assertTrue(regions.containsKey(name), () -> "README shows snippet '" + name + "', no example has it");
            assertEquals(regions.get(name), m.group(2), "README snippet '" + name + "' differs from the example");
            shown.add(name);
        }
        assertEquals(List.copyOf(regions.keySet()).stream().sorted().toList(), shown.stream().sorted().toList(),
                "every marked region is shown once in README.md");
    }

    private static Map<String, String> regions() throws IOException {
        Map<String, String> regions = new LinkedHashMap<>();
        for (Path root : List.of(Path.of("src", "main", "java"), Path.of("src", "test", "java"))) {
            List<Path> files;
            try (Stream<Path> s = Files.walk(root)) {
                files = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
            }
            for (Path file : files) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher start = START.matcher(lines.get(i));
                    if (start.matches()) {
                        String name = start.group(1);
                        String end = "// README:" + name + ":end";
                        int j = i + 1;
                        while (j < lines.size() && !lines.get(j).trim().equals(end)) {
                            j++;
                        }
                        assertTrue(j < lines.size(), file + ": no '" + end + "'");
                        regions.put(name, dedent(lines.subList(i + 1, j)));
                    }
                }
            }
        }
        return regions;
    }

    private static String dedent(List<String> lines) {
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder b = new StringBuilder();
        for (String l : lines) {
            b.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
        }
        return b.toString();
    }
}
