package org.redflag.app.infrastructure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes units of work from many callers in shared transactions: one commit for all the units that arrived while the
 * one before was being written. A caller's {@link #write} returns once its unit is committed, as if it had written
 * alone, so an answer still means the unit is in the database; what is shared is the cost of a transaction: its
 * commit (on H2, writing the pages it touched; on PostgreSQL, flushing the log) and, where the writer batches its
 * statements, the round trips.
 *
 * <p>There is no waiting window: a caller that finds a lane free writes its own unit at once, alone if no other is
 * waiting, so a quiet server answers as fast as before. Up to {@code lanes} groups are written at once, each in its
 * own transaction (a database answers several connections at once: one lane would leave it idle while the server
 * prepares the next group). Callers that find every lane busy queue; the next of them to find a lane free writes
 * every unit queued by then (at most {@code maxUnits}).
 *
 * <p>Each unit commits or fails on its own: if a group's transaction fails, each of its units is written again
 * alone, in a transaction of its own, and only a unit that fails alone fails its caller, with that failure. A caller
 * already in a transaction writes its unit in it, at once, with the rest of what that transaction holds.
 *
 * @param <U> a unit of work
 * @param <R> what writing a unit gives its caller
 */
public final class GroupCommit<U, R> {

    private final Function<List<U>, List<R>> writer;
    private final TransactionTemplate transaction;
    private final int maxUnits;
    private final ConcurrentLinkedQueue<Pending<U, R>> queue = new ConcurrentLinkedQueue<>();
    /** One permit for each group that may be written at once. */
    private final Semaphore lanes;

    /**
     * @param writer writes the units given, in the transaction it is called in, and gives each its result, in order
     */
    public GroupCommit(PlatformTransactionManager transactions, int lanes, int maxUnits,
                       Function<List<U>, List<R>> writer) {
        if (maxUnits < 1 || lanes < 1) {
            throw new IllegalArgumentException("lanes and maxUnits must be at least 1; found " + lanes + " and "
                    + maxUnits);
        }
        this.lanes = new Semaphore(lanes);
        this.writer = writer;
        this.maxUnits = maxUnits;
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    private static final class Pending<U, R> {
        final U unit;
        /** The caller, woken when its unit is done, or when a lane is free and its unit first in the queue. */
        final Thread caller = Thread.currentThread();
        volatile boolean done;
        R result;
        RuntimeException failure;

        Pending(U unit) {
            this.unit = unit;
        }
    }

    /** Writes the unit and returns its result once it is committed; rethrows what made it fail. */
    public R write(U unit) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return writer.apply(List.of(unit)).get(0);
        }
        Pending<U, R> mine = new Pending<>(unit);
        queue.add(mine);
        boolean interrupted = false;
        while (!mine.done) {
            if (lanes.tryAcquire()) {
                List<Pending<U, R>> group = new ArrayList<>();
                try {
                    for (Pending<U, R> p; group.size() < maxUnits && (p = queue.poll()) != null; ) {
                        group.add(p);
                    }
                    write(group);
                } finally {
                    lanes.release();
                    wake(group);
                }
                if (!group.isEmpty()) {
                    continue;
                }
            }
            // another lane is writing this unit, or every lane is busy: sleep until the unit is done, or until a
            // lane is free with this unit first in the queue. Each wakes only the callers it concerns: the ones
            // whose units it wrote, and the next to lead (waking every waiting caller at each commit, most of them
            // to sleep again, cost a processor switch each and a queue on one lock).
            LockSupport.park(this);
            // the unit is on its way to the database and cannot be called back: an interrupt waits for it too
            interrupted |= Thread.interrupted();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.result;
    }

    /**
     * Wakes the callers of the units written (not this one's), then the caller of the unit now first in the queue,
     * to lead the next group. Released before it looks, the lane is there for that caller; and a caller that queued
     * after the look finds the lane free itself, since it queues before it tries for a lane.
     */
    private void wake(List<Pending<U, R>> written) {
        Thread self = Thread.currentThread();
        for (Pending<U, R> p : written) {
            if (p.caller != self) {
                LockSupport.unpark(p.caller);
            }
        }
        Pending<U, R> next = queue.peek();
        if (next != null) {
            LockSupport.unpark(next.caller);
        }
    }

    /** How many units wait for their turn now. */
    public int queued() {
        return queue.size();
    }

    /** Writes the group, and leaves none of its units undone whatever happens. */
    private void write(List<Pending<U, R>> group) {
        try {
            if (group.size() > 1) {
                try {
                    complete(group, transaction.execute(t -> written(group.stream().map(p -> p.unit).toList())));
                    return;
                } catch (RuntimeException groupFailed) {
                    // one unit's failure (a unique key, a row gone) fails the whole transaction: each alone now
                }
            }
            for (Pending<U, R> p : group) {
                try {
                    complete(List.of(p), transaction.execute(t -> written(List.of(p.unit))));
                } catch (RuntimeException failed) {
                    p.failure = failed;
                    p.done = true;
                }
            }
        } catch (Error e) {
            for (Pending<U, R> p : group) {
                if (!p.done) {
                    p.failure = new IllegalStateException("not written: " + e, e);
                    p.done = true;
                }
            }
            throw e;
        }
    }

    /** The writer's results, checked before the transaction commits: a result for each unit. */
    private List<R> written(List<U> units) {
        List<R> results = writer.apply(units);
        if (results == null || results.size() != units.size()) {
            throw new IllegalStateException("the writer gave " + (results == null ? "no" : results.size())
                    + " results for " + units.size() + " units");
        }
        return results;
    }

    private void complete(List<Pending<U, R>> group, List<R> results) {
        for (int i = 0; i < group.size(); i++) {
            group.get(i).result = results.get(i);
            group.get(i).done = true;
        }
    }
}
