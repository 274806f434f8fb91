package org.redflag.app.infrastructure;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

/**
 * Keeps the embedded H2 file from growing without bound, as H2's own background writer would.
 *
 * <p>The server opens H2 with {@code WRITE_DELAY=0}, so that every commit is in the file before the request is
 * answered. That setting also stops the thread H2 otherwise runs beside its store to write delayed commits and to
 * compact: with it stopped, a chunk (what one commit wrote) that keeps a single live page, a full index page say,
 * is never rewritten nor freed, and the file grows for as long as the server writes — filing a steady 1,300 to
 * 2,000 notices a second, it reached 10 GB in four minutes, still growing by 35 MB a second, for data that
 * compacts to about a hundredth of that, and the filing rate fell by a third as it grew. This does the compacting
 * part of that thread's work on a thread of its own: every {@link #EVERY_MS} ms, when the chunks are on average less
 * than {@link #TARGET_FILL_PERCENT} % live, the store rewrites the live pages of the emptiest of them (at most
 * {@link #WRITE_LIMIT_BYTES} bytes a turn), and frees them for reuse once H2's retention time (45 s) has passed.
 * Under the same load the file then levels off at 5–6 GB (about the retention time's worth of writing) and the
 * rate holds. The pages rewritten are written at once (H2 would otherwise write them with the next transaction), into
 * the first free space of the file, so that once the load stops the live data gathers at its start and the free
 * end is cut off: the file shrinks back after a burst, once the retention time has passed (in one run, three minutes
 * of filing left 5.6 GB, back to 455 MB two minutes after the load stopped, and 351 MB once the server closed it).
 * Writing each commit stays where it was, in the committing transaction.
 */
@Component
@ConditionalOnExpression("'${spring.datasource.url:}'.startsWith('jdbc:h2:file:')")
public class EmbeddedStoreUpkeep implements DisposableBean {

    /**
     * How often the store is looked at: H2's own thread looks every 10 to 166 ms, by its write delay. Small turns
     * often rather than large ones seldom, since a commit waits for the turn in progress: under a steady load of
     * filing, 1 MB every 50 ms kept the rate and p99 (20–25 ms) and levelled the file off at 5.8 GB.
     */
    static final long EVERY_MS = 50;

    /** Chunks' average live share below which the emptiest are rewritten; H2's own, when busy, is 81 %. */
    static final int TARGET_FILL_PERCENT = 80;

    /** Live bytes rewritten at most a turn: up to 20 MB a second, well over what a busy server leaves behind. */
    static final int WRITE_LIMIT_BYTES = 1 << 20;

    private static final Logger log = LoggerFactory.getLogger(EmbeddedStoreUpkeep.class);

    private final DataSource dataSource;
    private final ScheduledExecutorService thread;
    private volatile boolean failedBefore;
    private volatile MVStore store; // found through a connection once, again only if it closes

    @Autowired
    public EmbeddedStoreUpkeep(DataSource dataSource) {
        this(dataSource, true);
    }

    /** With {@code scheduled} false nothing runs by itself: {@link #turn()} is called by hand (tests). */
    EmbeddedStoreUpkeep(DataSource dataSource, boolean scheduled) {
        this.dataSource = dataSource;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "h2-upkeep");
            t.setDaemon(true);
            return t;
        });
        if (scheduled) {
            thread.scheduleWithFixedDelay(this::turn, EVERY_MS, EVERY_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** One look at the store; returns whether chunks were rewritten. */
    boolean turn() {
        try {
            MVStore store = store();
            if (store == null || store.getFileStore() == null) { // not a file of this process
                return false;
            }
            boolean rewrote = store.getFileStore().getChunksFillRate() < TARGET_FILL_PERCENT
                    && store.compact(TARGET_FILL_PERCENT, WRITE_LIMIT_BYTES);
            if (rewrote) {
                store.commit(); // the pages rewritten go to the file now, not with the next transaction
            }
            return rewrote;
        } catch (SQLException | RuntimeException e) {
            if (!failedBefore) { // once, not at every turn
                log.warn("compacting the embedded database failed (tried again every {} ms, logged once): {}",
                        EVERY_MS, e.toString());
                failedBefore = true;
            }
            return false;
        }
    }

    /** The database's store, looked up through a pooled connection the first time and whenever it has closed. */
    private MVStore store() throws SQLException {
        MVStore known = store;
        if (known == null || known.isClosed()) {
            try (Connection c = dataSource.getConnection()) {
                known = storeOf(c);
            }
            store = known;
        }
        return known == null || known.isClosed() ? null : known;
    }

    /** The store under {@code c}, or null when it is not an embedded H2 database opened in this process. */
    static MVStore storeOf(Connection c) throws SQLException {
        if (!c.isWrapperFor(JdbcConnection.class)
                || !(c.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)
                || session.getDatabase().getStore() == null) {
            return null;
        }
        return session.getDatabase().getStore().getMvStore();
    }

    @Override
    public void destroy() throws InterruptedException {
        thread.shutdown();
        thread.awaitTermination(5, TimeUnit.SECONDS);
    }
}
