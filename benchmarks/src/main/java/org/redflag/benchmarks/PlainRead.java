package org.redflag.benchmarks;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The peer run of {@code bench/linking.sh}: a plain read of the same file, line by line as UTF-8 strings, in a JVM
 * started the same way, so the linking figure can be read as a multiple of the cost of just reading its input.
 *
 * <p>Arguments: FILE
 */
public final class PlainRead {

    public static void main(String[] args) throws Exception {
        long lines = 0;
        long chars = 0;
        try (BufferedReader in = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                lines++;
                chars += line.length();
            }
        }
        System.err.printf("read %,d lines, %,d characters%n", lines, chars);
    }
}
