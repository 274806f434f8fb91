/** Screening commands: {@code screen} a listings feed, {@code generate} a synthetic marketplace, {@code evaluate}. */
package org.redflag.app.screening;
