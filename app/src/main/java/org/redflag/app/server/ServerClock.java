package org.redflag.app.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The server's one source of time: the system clock moved by an offset. The offset comes from
 * {@code redflag.clock.offset} at start-up and tests may move it further; nothing in the server reads the system
 * clock directly, so deadlines, waiting periods and the scheduler all follow it.
 */
public final class ServerClock extends Clock {

    private final Clock base;
    private final AtomicReference<Duration> offset;

    public ServerClock(Clock base, Duration offset) {
        this.base = base;
        this.offset = new AtomicReference<>(offset);
    }

    public void advance(Duration by) {
        offset.updateAndGet(o -> o.plus(by));
    }

    public Duration offset() {
        return offset.get();
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), offset.get());
    }
}
