package org.redflag.app.server;

import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** The Spring Boot application behind {@code redflag serve}. */
@SpringBootApplication(scanBasePackages = "org.redflag.app")
public class RedflagServer {

    @Bean
    ServerClock clock(@Value("${redflag.clock.offset:PT0S}") Duration offset) {
        return new ServerClock(Clock.systemUTC(), offset);
    }

    /**
     * Strict request bodies: an enum given as a number is refused, not taken as an index; a string holding a NUL
     * character (U+0000), which PostgreSQL cannot store in text, is refused with its field.
     */
    @Bean
    org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer strictEnums() {
        return b -> b.enable(tools.jackson.databind.cfg.EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .addModule(new tools.jackson.databind.module.SimpleModule("no-nul-strings")
                        .addDeserializer(String.class, new NoNulStrings()));
    }

    /** Jackson's own string reading, refusing U+0000. */
    static final class NoNulStrings extends tools.jackson.databind.deser.jdk.StringDeserializer {
        @Override
        public String deserialize(tools.jackson.core.JsonParser p, tools.jackson.databind.DeserializationContext c) {
            String s = super.deserialize(p, c);
            if (s != null && s.indexOf('\0') >= 0) {
                return c.reportInputMismatch(this, "text with a NUL character (U+0000), which cannot be stored");
            }
            return s;
        }
    }

    /** db-scheduler decides what is due by the same clock as everything else. */
    @Bean
    com.github.kagkarlsson.scheduler.Clock schedulerClock(ServerClock clock) {
        return clock::instant;
    }
}
