package org.redflag.app.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.redflag.app.server.TestServer;
import org.redflag.identity.IdentifierType;
import org.redflag.identity.Linker;

/**
 * The registration check from the in-memory seller index answers exactly as the check in the database does: on
 * random sellers sharing identifiers in chains, with hubs and banned sellers, registered while the index loads and
 * after; and again after a restart, from the index loaded out of the database.
 */
class SellerIndexIT {

    @ParameterizedTest
    @EnumSource(TestServer.Db.class)
    void the_index_answers_as_the_database_does_before_and_after_a_restart(TestServer.Db db, @TempDir Path dir)
            throws Exception {
        String url = TestServer.database(db, dir);
        Random random = new Random(20261129L);
        List<Linker.Seller> probes = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            probes.add(seller(random, "probe-" + i, false));
        }
        Map<String, RegistrationCheck.Result> first = new TreeMap<>();
        try (TestServer server = TestServer.start(db, url, Map.of())) {
            RegistrationCheck check = server.bean(RegistrationCheck.class);
            SellerIndex index = server.bean(SellerIndex.class);
            int threshold = check.hubThreshold();
            for (int i = 0; i < 400; i++) {
                check.register(seller(random, "s-" + i, random.nextInt(8) == 0), null);
            }
            for (int i = 0; i <= threshold; i++) { // one more holder than the threshold: a hub
                check.register(new Linker.Seller("hub-" + i, i == 0, List.of(
                        new Linker.Identifier(IdentifierType.ADDRESS, "1 warehouse road"),
                        new Linker.Identifier(IdentifierType.PAYMENT_ACCOUNT, "AGGREGATOR0001"))), null);
            }
            awaitLoaded(index);
            for (Linker.Seller p : probes) {
                RegistrationCheck.Result fromMemory = check.check(p);
                assertThat(fromMemory).as(p.id()).isEqualTo(check.checkInDatabase(p));
                first.put(p.id(), fromMemory);
            }
            assertThat(index.read(x -> x.sellers()).orElseThrow()).isEqualTo(400 + threshold + 1);
        }
        assertThat(first.values().stream().filter(r -> r.decision() != RegistrationCheck.Decision.CLEAN).count())
                .as("linked probes").isBetween(30L, 270L);
        assertThat(first.values().stream().filter(r -> r.path().size() >= 2).count()).as("two hops or more")
                .isPositive();
        try (TestServer again = TestServer.start(db, url, Map.of())) {
            SellerIndex index = again.bean(SellerIndex.class);
            awaitLoaded(index);
            assertThat(index.state()).startsWith("loaded");
            RegistrationCheck check = again.bean(RegistrationCheck.class);
            for (Linker.Seller p : probes) {
                assertThat(check.check(p)).as("after a restart: " + p.id()).isEqualTo(first.get(p.id()));
            }
        }
    }

    private static Linker.Seller seller(Random random, String id, boolean banned) {
        Set<Linker.Identifier> ids = new LinkedHashSet<>();
        int n = 1 + random.nextInt(3);
        for (int k = 0; k < n; k++) {
            ids.add(switch (random.nextInt(5)) {
                case 0 -> new Linker.Identifier(IdentifierType.PHONE, "+86139"
                        + String.format("%08d", random.nextInt(500)));
                case 1 -> new Linker.Identifier(IdentifierType.EMAIL, "user" + random.nextInt(500) + "@example.com");
                case 2 -> new Linker.Identifier(IdentifierType.DEVICE_ID, "device-" + random.nextInt(500));
                case 3 -> new Linker.Identifier(IdentifierType.PAYMENT_ACCOUNT, random.nextInt(20) == 0
                        ? "AGGREGATOR0001" : "6222" + random.nextInt(500));
                default -> new Linker.Identifier(IdentifierType.NAME, "li wei " + random.nextInt(3));
            });
        }
        return new Linker.Seller(id, banned, List.copyOf(ids));
    }

    private static void awaitLoaded(SellerIndex index) throws InterruptedException {
        for (int i = 0; i < 600 && !index.loaded(); i++) {
            Thread.sleep(50);
        }
        assertThat(index.loaded()).as(index.state()).isTrue();
    }
}
