/**
 * Notifier quality and misuse (DSA Arts. 22–23): takedown and successful counter-notice rates per notifier and
 * reason code over a rolling window; trusted notifiers are queued first, poor ones warned, then suspended.
 */
package org.redflag.app.notifier;
