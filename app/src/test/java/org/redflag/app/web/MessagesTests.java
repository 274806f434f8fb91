package org.redflag.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The interface is in English and Chinese: every English text has its Chinese one. */
class MessagesTests {

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (var in = new InputStreamReader(MessagesTests.class.getResourceAsStream("/" + name),
                StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p;
    }

    @Test
    void every_english_message_has_a_chinese_one_with_the_same_placeholders() throws IOException {
        Properties en = load("messages.properties");
        Properties zh = load("messages_zh.properties");
        Set<String> missing = new TreeSet<>(en.stringPropertyNames());
        missing.removeAll(zh.stringPropertyNames());
        assertThat(missing).as("keys without a Chinese text").isEmpty();
        assertThat(en.size()).isGreaterThan(100);
        for (String key : en.stringPropertyNames()) {
            assertThat(placeholders(zh.getProperty(key))).as(key).isEqualTo(placeholders(en.getProperty(key)));
        }
    }

    /** The argument numbers a message uses: {0}, {1,number,integer}... */
    private static Set<String> placeholders(String message) {
        Set<String> out = new TreeSet<>();
        var m = java.util.regex.Pattern.compile("\\{(\\d+)").matcher(message);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
