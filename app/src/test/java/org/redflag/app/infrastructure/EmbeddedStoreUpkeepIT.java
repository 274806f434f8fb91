package org.redflag.app.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redflag.app.server.TestServer;

/** The server compacts its database file itself when, and only when, that database is an embedded H2 file. */
class EmbeddedStoreUpkeepIT {

    @Test
    void theServerOnAnEmbeddedFileCompactsItAsItRuns(@TempDir Path dir) throws Exception {
        // as `redflag serve` opens it: each commit written at once, which stops H2's own compaction
        String url = TestServer.database(TestServer.Db.H2, dir) + ";WRITE_DELAY=0;RETENTION_TIME=0";
        try (TestServer server = TestServer.start(TestServer.Db.H2, url, Map.of())) {
            EmbeddedStoreUpkeep upkeep = server.beanIfAny(EmbeddedStoreUpkeep.class).orElseThrow(
                    () -> new AssertionError("no upkeep on an embedded H2 file"));
            try (var c = server.bean(javax.sql.DataSource.class).getConnection()) {
                var store = EmbeddedStoreUpkeep.storeOf(c);
                assertThat(store).as("the server's own store").isNotNull();
                for (int i = 0; i < 20 && upkeep.turn(); i++) { // the migrations may have left chunks to rewrite
                    assertThat(store.isClosed()).isFalse();
                }
                assertThat(store.isClosed()).isFalse();
            }
            // and the server goes on writing
            assertThat(server.account("upkeep-admin", org.redflag.app.account.Role.ADMIN)).isNotNull();
        }
    }

    @Test
    void theServerOnPostgresqlLeavesItsDatabaseToIt(@TempDir Path dir) {
        try (TestServer server = TestServer.start(TestServer.Db.POSTGRES,
                TestServer.database(TestServer.Db.POSTGRES, dir), Map.of())) {
            assertThat(server.beanIfAny(EmbeddedStoreUpkeep.class)).isEmpty();
        }
    }
}
