package org.redflag.liability;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The text of a shipped pack, with one change, for tests of pack-driven behaviour. */
final class PackTexts {

    private PackTexts() {
    }

    static String shipped(String id) {
        try (InputStream in = PackTexts.class.getResourceAsStream("/org/redflag/law/packs/" + id + ".yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String cnWith(String from, String to) {
        String text = shipped("CN");
        if (!text.contains(from)) {
            throw new IllegalArgumentException("CN.yaml has no " + from);
        }
        return text.replace(from, to);
    }
}
