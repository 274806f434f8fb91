/**
 * Backups: an admin downloads the server's data as it stands (the embedded database and the evidence ledger, in
 * one zip), and {@code redflag restore} puts a backup into a new data directory, checking the ledger's signed heads.
 */
package org.redflag.app.backup;
