package org.redflag.app.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store's upkeep on a real H2 file written one commit at a time ({@code WRITE_DELAY=0}, as the server
 * opens it): with it, the chunks that a commit left mostly dead are rewritten and their space used again; without
 * it, the file only grows. H2's retention time is set to nothing here, so that a chunk may be reused at once.
 */
class EmbeddedStoreUpkeepTests {

    @TempDir
    Path dir;

    private record Written(long fileBytes, int chunksFillPercent, int compactingTurns, long fileBytesWhenIdle,
                           long rows) {
    }

    /**
     * 3,000 commits of one row each, with a randomly keyed index; upkeep turns after every 50 if asked; then, with
     * nothing more written, {@code idleTurns} turns.
     */
    private Written write(String name, boolean upkeep, int idleTurns) throws SQLException {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + dir.resolve(name) + ";WRITE_DELAY=0;RETENTION_TIME=0");
        dataSource.setUser("sa");
        EmbeddedStoreUpkeep keeper = new EmbeddedStoreUpkeep(dataSource, false);
        int compacting = 0;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id BIGINT AUTO_INCREMENT PRIMARY KEY, k VARCHAR(40), v VARCHAR(200))");
            s.execute("CREATE INDEX t_k ON t (k)");
            MVStore store = EmbeddedStoreUpkeep.storeOf(c);
            Random random = new Random(7);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO t (k, v) VALUES (?, ?)")) {
                for (int i = 1; i <= 3000; i++) {
                    insert.setString(1, Long.toHexString(random.nextLong()));
                    insert.setString(2, "row " + i + " of a table written one commit at a time");
                    insert.executeUpdate(); // autocommit: one commit, one chunk
                    if (upkeep && i % 50 == 0 && keeper.turn()) {
                        compacting++;
                    }
                }
            }
            long written = store.getFileStore().size();
            int fill = store.getFileStore().getChunksFillRate();
            for (int i = 0; i < idleTurns; i++) {
                keeper.turn();
            }
            long rows;
            try (var rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
                rs.next();
                rows = rs.getLong(1);
            }
            Written result = new Written(written, fill, compacting, store.getFileStore().size(), rows);
            s.execute("SHUTDOWN IMMEDIATELY");
            return result;
        }
    }

    @Test
    void rewritesMostlyDeadChunksSoTheFileStopsGrowing() throws Exception {
        Written without = write("without", false, 0);
        Written with = write("with", true, 0);
        assertThat(without.compactingTurns()).isZero();
        assertThat(with.compactingTurns()).as("turns that rewrote chunks").isPositive();
        assertThat(without.chunksFillPercent()).as("live share of the chunks without upkeep").isLessThan(30);
        assertThat(with.chunksFillPercent()).as("live share of the chunks with upkeep")
                .isGreaterThan(2 * without.chunksFillPercent());
        assertThat(with.fileBytes()).as("file with upkeep, against %,d bytes without", without.fileBytes())
                .isLessThan(without.fileBytes() / 2);
    }

    @Test
    void shrinksTheFileBackOnceNothingIsWritten() throws Exception {
        Written burst = write("burst", false, 200);
        assertThat(burst.fileBytesWhenIdle()).as("file after 200 idle turns, against %,d bytes after the writing",
                burst.fileBytes()).isLessThan(burst.fileBytes() / 2);
        assertThat(burst.rows()).as("rows kept").isEqualTo(3000);
    }

    @Test
    void aStoreWithoutAFileOrADatabaseOutOfReachIsLeftAlone() throws Exception {
        JdbcDataSource memory = new JdbcDataSource();
        memory.setURL("jdbc:h2:mem:upkeep");
        try (Connection kept = memory.getConnection()) { // an in-memory database lives while a connection does
            assertThat(EmbeddedStoreUpkeep.storeOf(kept)).isNotNull();
            assertThat(new EmbeddedStoreUpkeep(memory, false).turn()).isFalse();
        }
        JdbcDataSource remote = new JdbcDataSource(); // nothing listens there: every turn fails, quietly
        remote.setURL("jdbc:h2:tcp://127.0.0.1:1/nothing");
        EmbeddedStoreUpkeep keeper = new EmbeddedStoreUpkeep(remote, false);
        assertThat(keeper.turn()).isFalse();
        assertThat(keeper.turn()).isFalse();
    }
}
