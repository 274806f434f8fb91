package org.redflag.app.identity;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import javax.sql.DataSource;
import org.redflag.app.law.Packs;
import org.redflag.identity.IdentifierType;
import org.redflag.identity.IdentityIndex;
import org.redflag.identity.Linker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The sellers on record and their strong identifiers, held in memory so that a registration check asks nothing of
 * the database ({@link IdentityIndex}). Loaded from the database when the server has started, in the background: until
 * it is loaded, checks use the database's identifier index, with the same answers. Registrations through this server
 * are added as they commit, including those that commit while it loads.
 *
 * <p>The index is the server's own ({@code redflag.identity.index=database} checks in the database alone, without
 * it; one server serves a database, since its evidence ledger is one process's). The index takes about 60 bytes a
 * (seller, strong identifier) pair: 10 million generated sellers (41 million pairs) take about 2.5 GB of heap and
 * load in under a minute. Out of memory while loading, the server says so and goes on checking in the database.
 *
 * <p>The log says when it is loaded; {@code /actuator/prometheus} shows {@code redflag_seller_index_sellers}, the
 * sellers it holds (-1 while it is not loaded).
 */
@Component("sellerIndex")
public class SellerIndex {

    private static final Logger LOG = LoggerFactory.getLogger(SellerIndex.class);

    /** Rows read from the database at a time while loading. */
    private static final int FETCH = 10_000;

    private final DataSource dataSource;
    private final int hubThreshold;
    private final boolean enabled;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private IdentityIndex index; // guarded by lock; null until loaded
    /** Changes committed while the index loads, applied in order once it has. Guarded by lock. */
    private final List<java.util.function.Consumer<IdentityIndex>> committedWhileLoading = new ArrayList<>();
    private volatile String state;

    public SellerIndex(DataSource dataSource, Packs packs, @Value("${redflag.identity.index:memory}") String mode,
                       io.micrometer.core.instrument.MeterRegistry meters) {
        if (!mode.equals("memory") && !mode.equals("database")) {
            throw new org.redflag.app.problem.BadSetting("redflag.identity.index", "expected memory or database; found"
                    + " \"" + mode + "\"");
        }
        this.dataSource = dataSource;
        this.hubThreshold = packs.defaultPack().identity().map(r -> r.hubThreshold().value().intValue()).orElse(1);
        this.enabled = mode.equals("memory");
        this.state = enabled ? "waiting for the server to start" : "off (redflag.identity.index=database)";
        io.micrometer.core.instrument.Gauge.builder("redflag.seller.index.sellers", this,
                        x -> x.read(IdentityIndex::sellers).orElse(-1))
                .description("Sellers in the in-memory seller index; -1 while it is not loaded").register(meters);
    }

    /** Loading, loaded (with its size and time) or off, in a sentence. */
    public String state() {
        return state;
    }

    /** Whether checks are answered from memory now. */
    public boolean loaded() {
        lock.readLock().lock();
        try {
            return index != null;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** What {@code read} gives on the index, or empty while the index is not loaded. */
    public <T> Optional<T> read(Function<IdentityIndex, T> read) {
        lock.readLock().lock();
        try {
            return index == null ? Optional.empty() : Optional.of(read.apply(index));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Adds a seller registered in the current transaction once, and only if, the transaction commits. */
    void afterCommit(Linker.Seller seller) {
        afterCommit(index -> index.add(seller));
    }

    /** Marks sellers banned or not (terminated, reinstated) once, and only if, the current transaction commits. */
    void afterCommitBanned(List<String> sellerIds, boolean banned) {
        List<String> ids = List.copyOf(sellerIds);
        afterCommit(index -> ids.forEach(id -> index.setBanned(id, banned)));
    }

    private void afterCommit(java.util.function.Consumer<IdentityIndex> change) {
        if (!enabled) {
            return;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            apply(change);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                apply(change);
            }
        });
    }

    private void apply(java.util.function.Consumer<IdentityIndex> change) {
        lock.writeLock().lock();
        try {
            if (index != null) {
                change.accept(index);
            } else {
                committedWhileLoading.add(change);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    public void loadInBackground() {
        if (enabled) {
            Thread t = new Thread(this::load, "seller-index-load");
            t.setDaemon(true);
            t.start();
        }
    }

    /** Reads every seller and its identifiers from the database; on failure, checks stay on the database. */
    void load() {
        long t0 = System.nanoTime();
        state = "loading";
        LOG.info("loading the seller index from the database");
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false); // PostgreSQL streams a result set only inside a transaction
            c.setReadOnly(true);
            IdentityIndex fresh = new IdentityIndex(hubThreshold);
            long sellers = count(c, "SELECT COUNT(*) FROM sellers");
            long pairs = count(c, "SELECT COUNT(*) FROM seller_identifiers");
            fresh.reserve(sellers, pairs);
            try (Statement s = c.createStatement()) {
                s.setFetchSize(FETCH);
                try (ResultSet rs = s.executeQuery("SELECT id, banned FROM sellers")) {
                    while (rs.next()) {
                        fresh.addSeller(rs.getString(1), rs.getBoolean(2));
                    }
                }
                long read = 0;
                try (ResultSet rs = s.executeQuery("SELECT seller_id, kind, id_value FROM seller_identifiers")) {
                    while (rs.next()) {
                        IdentifierType type = type(rs.getString(2));
                        if (type != null) {
                            fresh.addIdentifier(rs.getString(1), type, rs.getString(3));
                        }
                        if (++read % 5_000_000 == 0) {
                            state = String.format(Locale.ROOT, "loading: %,d of %,d identifiers", read, pairs);
                            LOG.info("seller index: {}", state);
                        }
                    }
                }
            }
            c.rollback();
            lock.writeLock().lock();
            try {
                committedWhileLoading.forEach(change -> change.accept(fresh));
                committedWhileLoading.clear();
                index = fresh;
                state = String.format(Locale.ROOT, "loaded: %,d sellers, %,d strong identifiers held, in %.1f s",
                        fresh.sellers(), fresh.pairs(), (System.nanoTime() - t0) / 1e9);
            } finally {
                lock.writeLock().unlock();
            }
            LOG.info("seller index {}", state);
        } catch (OutOfMemoryError e) {
            state = "not loaded: out of memory; checks use the database";
            LOG.error("seller index: out of memory while loading; registration checks go on in the database. Give"
                    + " the server more heap (REDFLAG_JAVA_OPTS=-Xmx…, about 60 bytes a seller identifier) or set"
                    + " redflag.identity.index=database");
        } catch (Exception e) {
            state = "not loaded: " + e.getMessage() + "; checks use the database";
            LOG.error("seller index: loading failed; registration checks go on in the database", e);
        }
    }

    private static long count(Connection c, String sql) throws java.sql.SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static IdentifierType type(String kind) {
        try {
            return IdentifierType.valueOf(kind);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
