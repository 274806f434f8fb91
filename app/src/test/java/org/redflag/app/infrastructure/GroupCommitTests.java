package org.redflag.app.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Units written in shared transactions, on a real H2 database: each caller's unit is committed when its call
 * returns, units that wait share a commit, and a unit that fails fails alone.
 */
class GroupCommitTests {

    private JdbcTemplate jdbc;
    private DataSourceTransactionManager transactions;
    private ExecutorService callers;
    /** The size of every group the writer was given, in order. */
    private final List<Integer> groups = Collections.synchronizedList(new ArrayList<>());
    /** Open once the first group is being written. */
    private final CountDownLatch writing = new CountDownLatch(1);

    @BeforeEach
    void database() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:group-commit-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE rows_written (id INT PRIMARY KEY)");
        transactions = new DataSourceTransactionManager(dataSource);
        callers = Executors.newFixedThreadPool(8);
    }

    @AfterEach
    void stop() throws InterruptedException {
        callers.shutdownNow();
        callers.awaitTermination(10, TimeUnit.SECONDS);
        jdbc.execute("SHUTDOWN");
    }

    /** Writes each unit's row and answers its id doubled; {@code whileWriting} runs before the first group's rows. */
    private GroupCommit<Integer, Integer> commit(int maxUnits, Runnable whileWriting) {
        return new GroupCommit<>(transactions, 1, maxUnits, units -> {
            if (groups.isEmpty()) {
                writing.countDown();
                whileWriting.run();
            }
            groups.add(units.size());
            List<Integer> out = new ArrayList<>();
            for (int id : units) {
                jdbc.update("INSERT INTO rows_written (id) VALUES (?)", id);
                out.add(id * 2);
            }
            return out;
        });
    }

    private List<Integer> stored() {
        return jdbc.queryForList("SELECT id FROM rows_written ORDER BY id", Integer.class);
    }

    /** Blocks the first group until {@code waiting} more callers have queued. */
    private static Runnable until(GroupCommit<?, ?>[] commit, int waiting) {
        return () -> {
            long give = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (commit[0].queued() < waiting && System.nanoTime() < give) {
                Thread.onSpinWait();
            }
        };
    }

    /**
     * Units 1 to 6 written through a commit of {@code maxUnits} units a group, 1 first and held in the writer until
     * the other five have queued behind it; their results, in order.
     */
    private List<Future<Integer>> sixWithTheFirstHeld(int maxUnits) throws InterruptedException {
        GroupCommit<?, ?>[] holder = new GroupCommit<?, ?>[1];
        var commit = commit(maxUnits, until(holder, 5));
        holder[0] = commit;
        List<Future<Integer>> results = new ArrayList<>();
        results.add(callers.submit(() -> commit.write(1)));
        assertThat(writing.await(20, TimeUnit.SECONDS)).isTrue();
        for (int id = 2; id <= 6; id++) {
            int unit = id;
            results.add(callers.submit(() -> commit.write(unit)));
        }
        return results;
    }

    @Test
    void a_lone_caller_writes_its_unit_at_once_and_gets_its_result_committed() {
        var commit = commit(64, () -> { });
        assertThat(commit.write(7)).isEqualTo(14);
        assertThat(stored()).containsExactly(7);
        assertThat(groups).containsExactly(1);
    }

    @Test
    void callers_that_arrive_while_a_group_is_written_share_the_next_commit() throws Exception {
        List<Future<Integer>> results = sixWithTheFirstHeld(64);
        for (int i = 0; i < results.size(); i++) {
            assertThat(results.get(i).get(20, TimeUnit.SECONDS)).isEqualTo(2 * (i + 1));
        }
        assertThat(stored()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(groups).as("one commit for the first, one for the five that waited").containsExactly(1, 5);
    }

    @Test
    void with_two_lanes_a_caller_writes_at_once_while_the_other_lane_is_held() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        var commit = new GroupCommit<Integer, Integer>(transactions, 2, 64, units -> {
            if (groups.isEmpty()) {
                groups.add(units.size());
                writing.countDown();
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            } else {
                groups.add(units.size());
            }
            units.forEach(id -> jdbc.update("INSERT INTO rows_written (id) VALUES (?)", id));
            return units;
        });
        Future<Integer> held = callers.submit(() -> commit.write(1));
        assertThat(writing.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(callers.submit(() -> commit.write(2)).get(20, TimeUnit.SECONDS)).as("through the free lane")
                .isEqualTo(2);
        assertThat(held.isDone()).isFalse();
        assertThat(stored()).containsExactly(2);
        release.countDown();
        assertThat(held.get(20, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(stored()).containsExactly(1, 2);
        assertThat(groups).containsExactly(1, 1);
    }

    /**
     * Many callers at once, on one to three lanes and groups of one to eight: every caller returns with its own
     * result and every unit is stored once. A caller left asleep (a wake-up lost between a lane's release and a
     * caller's queueing) would keep its future from completing, and the test would fail on its time-out.
     */
    @Test
    void many_callers_on_any_lanes_and_group_sizes_all_return_with_their_own_results() throws Exception {
        ExecutorService many = Executors.newFixedThreadPool(24);
        try {
            int next = 0;
            for (int lanes = 1; lanes <= 3; lanes++) {
                for (int maxUnits : new int[] {1, 3, 8}) {
                    var commit = new GroupCommit<Integer, Integer>(transactions, lanes, maxUnits, units -> {
                        List<Integer> out = new ArrayList<>();
                        for (int id : units) {
                            jdbc.update("INSERT INTO rows_written (id) VALUES (?)", id);
                            out.add(id * 2);
                        }
                        return out;
                    });
                    List<Future<List<Integer>>> results = new ArrayList<>();
                    for (int c = 0; c < 24; c++) {
                        int first = next + c * 100;
                        results.add(many.submit(() -> {
                            List<Integer> got = new ArrayList<>();
                            for (int id = first; id < first + 100; id++) {
                                got.add(commit.write(id) - 2 * id);
                            }
                            return got;
                        }));
                    }
                    for (Future<List<Integer>> r : results) {
                        assertThat(r.get(60, TimeUnit.SECONDS)).as("%d lanes, %d a group", lanes, maxUnits)
                                .hasSize(100).containsOnly(0);
                    }
                    next += 2_400;
                }
            }
            assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT id) FROM rows_written", Integer.class))
                    .isEqualTo(next).isEqualTo(9 * 2_400);
        } finally {
            many.shutdownNow();
        }
    }

    @Test
    void a_group_is_at_most_the_largest_size_and_the_rest_follow() throws Exception {
        List<Future<Integer>> results = sixWithTheFirstHeld(2);
        for (Future<Integer> r : results) {
            r.get(20, TimeUnit.SECONDS);
        }
        assertThat(stored()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(groups).containsExactly(1, 2, 2, 1);
    }

    @Test
    void a_unit_that_fails_fails_its_caller_alone_and_the_others_of_its_group_are_kept() throws Exception {
        jdbc.update("INSERT INTO rows_written (id) VALUES (4)");
        List<Future<Integer>> results = sixWithTheFirstHeld(64);
        for (int i = 0; i < results.size(); i++) {
            Future<Integer> r = results.get(i);
            if (i + 1 == 4) {
                assertThatThrownBy(() -> r.get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(DuplicateKeyException.class);
            } else {
                assertThat(r.get(20, TimeUnit.SECONDS)).isEqualTo(2 * (i + 1));
            }
        }
        assertThat(stored()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(groups).as("the group of five failed on unit 4; then each alone").containsExactly(1, 5, 1, 1, 1, 1,
                1);
    }

    @Test
    void a_caller_in_a_transaction_writes_in_it_and_its_rollback_takes_the_unit_back() {
        var commit = commit(64, () -> { });
        var outer = new TransactionTemplate(transactions);
        outer.executeWithoutResult(t -> {
            assertThat(commit.write(9)).isEqualTo(18);
            assertThat(stored()).as("seen in the caller's transaction").containsExactly(9);
            t.setRollbackOnly();
        });
        assertThat(stored()).isEmpty();
    }

    @Test
    void a_writer_that_gives_a_result_short_commits_nothing() {
        var commit = new GroupCommit<Integer, Integer>(transactions, 1, 64, units -> {
            units.forEach(id -> jdbc.update("INSERT INTO rows_written (id) VALUES (?)", id));
            return List.of();
        });
        assertThatThrownBy(() -> commit.write(3)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("0 results for 1 units");
        assertThat(stored()).isEmpty();
        assertThatThrownBy(() -> new GroupCommit<Integer, Integer>(transactions, 1, 0, u -> u))
                .hasMessageContaining("maxUnits");
        assertThatThrownBy(() -> new GroupCommit<Integer, Integer>(transactions, 0, 1, u -> u))
                .hasMessageContaining("lanes");
    }
}
