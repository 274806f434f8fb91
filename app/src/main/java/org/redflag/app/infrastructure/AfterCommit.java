package org.redflag.app.infrastructure;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Work that should happen only if what the current transaction wrote is kept: counting it, for instance. */
public final class AfterCommit {

    private AfterCommit() {
    }

    /** Runs {@code work} once the current transaction commits (not if it rolls back); at once outside one. */
    public static void run(Runnable work) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    work.run();
                }
            });
        } else {
            work.run();
        }
    }
}
